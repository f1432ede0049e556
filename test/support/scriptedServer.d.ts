export interface ScriptStep {
	reset?: boolean;
	hang?: boolean;
	status?: number;
	body?: string | object;
	headers?: Record<string, string>;
}
export interface ScriptedServer {
	url: string;
	requests: Array<{ method: string; url: string; headers: Record<string, string>; body: string }>;
	close(): Promise<void>;
}
export function startScriptedServer(script: ScriptStep[]): Promise<ScriptedServer>;
export function refusedUrl(): Promise<string>;
