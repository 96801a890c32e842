import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { audit, type AuditReport } from '../../src/audit/index.ts';
import { nodeTransport } from '../../src/transport/node-transport.ts';
import { listen, type Running } from './support/listen.ts';
import { loopbackLookup } from './support/loopback.ts';
import { TRUSTED, ZOO } from './support/zoo.ts';

const transport = nodeTransport({ lookup: loopbackLookup, timeout: 5000 });
const running: Running[] = [];
const reports = new Map<string, AuditReport>();

before(async () => {
  // One server at a time: the machine's two cores are shared, and each audit runs 16 requests at once.
  for (const animal of ZOO) {
    const server = await listen(animal.handler());
    running.push(server);
    const report = await audit([`http://api.example.localhost:${server.port}/data`], {
      origins: [TRUSTED],
      transport,
      concurrency: 16,
      ...animal.options,
    });
    reports.set(animal.name, report);
  }
});
after(() => Promise.all(running.map((server) => server.close())));

const idsOf = (report: AuditReport | undefined) => report?.targets[0]?.findings.map((finding) => finding.id) ?? [];

describe('the zoo: at least 25 servers with planted mistakes, and correct ones', () => {
  test('is big enough', () => {
    assert.ok(ZOO.filter((animal) => !animal.correct).length >= 25);
    assert.ok(ZOO.some((animal) => animal.correct));
  });
  for (const animal of ZOO) {
    test(`${animal.correct ? 'correct' : 'planted'}: ${animal.name}`, () => {
      const report = reports.get(animal.name);
      assert.equal(report?.targets[0]?.error, undefined);
      const found = idsOf(report);
      // Recall: every planted id is reported.
      assert.deepEqual(
        animal.planted.filter((id) => !found.includes(id)),
        [],
        `found: ${found.join(', ')}`,
      );
      if (animal.correct) {
        // No false positive at low or above on a correctly configured server.
        const serious = report?.targets[0]?.findings
          .filter((finding) => finding.severity !== 'info')
          .map((finding) => finding.id);
        assert.deepEqual(serious, []);
      }
    });
  }
});
