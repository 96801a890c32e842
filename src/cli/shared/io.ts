// What every command writes to and reads from: the process's streams and environment in the
// binary, strings in the tests.
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly isTTY: boolean;
}
