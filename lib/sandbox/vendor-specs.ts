import path from 'node:path';

/**
 * Where the vendors' reference OpenAPI specs are, for the conformance tests: only where
 * VENDOR_SPECS_DIR names them. Guessing a path beside the checkout made a clone placed
 * anywhere else crash instead of saying why the tests did not run.
 */
export const VENDOR_SPECS_SKIP_REASON = 'VENDOR_SPECS_DIR is not set; set it to the folder holding the vendor OpenAPI specs (shared/reference) to run these tests';

export function vendorSpecsDir(environment: Record<string, string | undefined>): string | null {
  const dir = environment.VENDOR_SPECS_DIR?.trim();
  return dir ? path.resolve(dir) : null;
}
