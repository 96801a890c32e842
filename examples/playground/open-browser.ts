// `npm start` opens the page in the desktop's browser when there is a desktop: macOS `open`,
// Windows `start` (a cmd built-in), elsewhere xdg-open when an X11 or Wayland session is there
// (DISPLAY or WAYLAND_DISPLAY). Over SSH, in a container or in CI, or with PLAYGROUND_OPEN=0, the
// caller prints the URL to open instead.
import { spawn } from 'node:child_process';

export interface OpenCommand {
  readonly command: string;
  readonly args: readonly string[];
}

/** The command that opens `url` in a browser on this desktop, or undefined when there is no desktop. */
export function openCommand(
  url: string,
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): OpenCommand | undefined {
  if (env.PLAYGROUND_OPEN === '0') return undefined;
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // start's first quoted argument is the window title; ^ escapes cmd's & in a query string.
  if (platform === 'win32')
    return { command: 'cmd', args: ['/d', '/s', '/c', `start "" "${url.replaceAll('&', '^&')}"`] };
  if (env.DISPLAY || env.WAYLAND_DISPLAY) return { command: 'xdg-open', args: [url] };
  return undefined;
}

/** Runs `opener` detached; resolves false when it cannot be started (not installed). */
export function runOpener({ command, args }: OpenCommand): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      detached: true,
      stdio: 'ignore',
      windowsVerbatimArguments: command === 'cmd',
    });
    child.once('error', () => resolve(false));
    child.once('spawn', () => {
      child.unref();
      resolve(true);
    });
  });
}
