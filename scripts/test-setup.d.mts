// Types of test-setup.mjs, which stays plain JavaScript because it runs before any dependency is installed.
export declare const MINIMUM_NODE_MAJOR: number;
export declare function isInstallCurrent(root: string): boolean;
export declare function nodeMajor(version?: string): number;
export declare function projectNodePath(root: string): string;
export declare function isDebianLike(osRelease?: string): boolean;
export declare function chromiumPath(env?: Record<string, string | undefined>): string;
export declare function awsCliPath(env?: Record<string, string | undefined>): string;
export declare function awsCliMajor(cli: string): number | null;
export declare class SetupError extends Error {}
export declare function ensureTestPrerequisites(root: string, env?: Record<string, string | undefined>): void;
export declare function nodeRelaunch(root: string, argv?: string[], version?: string): { command: string; args: string[] } | null;
