import { describe, expect, it } from 'vitest'
// @ts-expect-error -- plain .mjs script without type declarations
import { pgProve, playwright, vitest } from '../../scripts/lib/count.mjs'

// npm test's closing line adds these up; a runner that crashed must never count as "0 failed".
describe('scripts/lib/count.mjs', () => {
  it('counts pg_prove results, a file that died counting as a failure', () => {
    const failing = `x.test.sql .. \n1..2\nok 1 - a\nnot ok 2 - b\nTest Summary Report\n-------------------
x.test.sql (Wstat: 0 Tests: 2 Failed: 1)\n  Failed test:  2
y.test.sql (Wstat: 768 Tests: 1 Failed: 0)\n  Parse errors: Bad plan.  You planned 3 tests but ran 1.
Files=2, Tests=3,  0 wallclock secs\nResult: FAIL\n`
    expect(pgProve(failing)).toEqual([1, 2, 0])
    expect(
      pgProve(
        'ok 1 - a\nok 2 - b # SKIP later\nAll tests successful.\nFiles=1, Tests=2,  0 wallclock secs\nResult: PASS\n',
      ),
    ).toEqual([1, 0, 1])
    expect(pgProve('')).toEqual([0, 1, 0])
  })

  it('counts vitest results, a file that failed to load counting as a failure', () => {
    const report = {
      numPassedTests: 5,
      numFailedTests: 1,
      numPendingTests: 2,
      numTodoTests: 1,
      testResults: [
        { status: 'failed', assertionResults: [{ status: 'failed' }] },
        { status: 'failed', assertionResults: [] },
        { status: 'passed', assertionResults: [{ status: 'passed' }] },
      ],
    }
    expect(vitest(JSON.stringify(report))).toEqual([5, 2, 3])
    expect(vitest('')).toEqual([0, 1, 0])
  })

  it('counts Playwright results, an error outside the tests counting as a failure', () => {
    expect(
      playwright(JSON.stringify({ stats: { expected: 3, unexpected: 1, flaky: 1, skipped: 2 }, errors: [] })),
    ).toEqual([3, 2, 2])
    expect(
      playwright(
        JSON.stringify({ stats: { expected: 0, unexpected: 0, skipped: 0 }, errors: [{ message: 'webServer' }] }),
      ),
    ).toEqual([0, 1, 0])
  })
})
