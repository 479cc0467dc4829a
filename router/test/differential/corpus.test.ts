import { countByCategory } from './harness/differential';
import { BASKET_CORPUS } from './operations/basket';
import { FIXTURE_CORPUS } from './operations/fixture';

/**
 * The corpus itself: names are jest test names and must tell operations apart, and
 * issue 7 asks for at least 150 operations over the two supergraphs.
 */
const corpora = { fixture: FIXTURE_CORPUS, basket: BASKET_CORPUS };

test.each(Object.entries(corpora))('%s operations have unique names', (_, corpus) => {
  const names = corpus.map((op) => `${op.category}: ${op.name}`);
  expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
});

test('at least 150 operations in all, over both supergraphs', () => {
  const counts = { fixture: countByCategory(FIXTURE_CORPUS), basket: countByCategory(BASKET_CORPUS) };
  const total = FIXTURE_CORPUS.length + BASKET_CORPUS.length;
  console.log(`differential corpus: ${total} operations\n${JSON.stringify(counts, null, 2)}`);
  expect(BASKET_CORPUS.length).toBeGreaterThan(0);
  expect(total).toBeGreaterThanOrEqual(150);
});

test.each(Object.entries(corpora))('%s operations say what they exercise consistently', (_, corpus) => {
  for (const op of corpus) {
    // A POST needs a query or a raw body; error codes only make sense when errors are expected.
    expect(op.query !== undefined || op.rawBody !== undefined).toBe(true);
    if (op.codes) expect(op.expects).not.toBe('data');
  }
});
