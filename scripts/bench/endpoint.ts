export async function benchEndpoint(_dir: string, _records: number, log: (line: string) => void): Promise<void> {
  log('endpoint benchmark: not yet');
}
