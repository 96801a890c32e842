import { APP, type Probe } from './fixtures/app.ts';

/** What every runtime must answer to the fixture's probe (the same as on Node). */
export const expected: Probe[] = [
  {
    name: 'preflight granted',
    status: 204,
    acao: APP,
    acam: 'PUT',
    vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
    handlerRan: false,
  },
  {
    name: 'preflight refused',
    status: 403,
    acao: null,
    acam: null,
    vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
    handlerRan: false,
  },
  { name: 'actual allowed', status: 200, acao: APP, acam: null, vary: 'Origin', handlerRan: true },
  { name: 'actual disallowed', status: 200, acao: null, acam: null, vary: 'Origin', handlerRan: true },
  { name: 'csrf rejected', status: 403, acao: null, acam: null, vary: 'Origin', handlerRan: false },
];
