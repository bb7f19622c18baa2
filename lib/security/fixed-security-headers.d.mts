export declare const PERMISSIONS_POLICY: string;
export declare const FIXED_SECURITY_HEADERS: Readonly<Record<string, string>>;
