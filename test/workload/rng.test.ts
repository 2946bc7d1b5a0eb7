import { test } from 'uvu';
import * as assert from 'uvu/assert';
import seedrandom from 'seedrandom';
import {
  bernoulli,
  exponential,
  lognormal,
  normal,
  RandomStreams,
  seedHigh,
  seedLow,
  streamNameKey,
  streamSeed,
  streamWords,
  uniform,
  type RandomStream,
} from '../../src/workload/rng.js';

function draws(stream: RandomStream, count: number): number[] {
  return Array.from({ length: count }, () => stream.next());
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function variance(values: number[]): number {
  const average = mean(values);
  return values.reduce((sum, value) => sum + (value - average) ** 2, 0) / values.length;
}

const DRAWS = 100_000;

test('rng: the same seed gives the same sequence', () => {
  const a = new RandomStreams(42).get('duration', 'build');
  const b = new RandomStreams(42).get('duration', 'build');
  assert.equal(draws(a, 1000), draws(b, 1000));
});

test('rng: draws are in [0, 1)', () => {
  for (const value of draws(new RandomStreams(1).get('x'), DRAWS)) {
    assert.ok(value >= 0 && value < 1, String(value));
  }
});

test('rng: the sequence is pinned (changing it changes every recorded result)', () => {
  assert.is(streamSeed(7, 'duration', 'build'), 3447544849084764);
  assert.equal(
    draws(new RandomStreams(7).get('duration', 'build'), 3),
    [0.6046353473793715, 0.29502151207998395, 0.9391077302861959],
  );
});

test('rng: a stream draws exactly what seedrandom.tychei draws from the same four words', () => {
  const tycheI = seedrandom.tychei as unknown as (
    seed: string,
    options: { state: { a: number; b: number; c: number; d: number } },
  ) => () => number;
  for (const [seed, purpose, name] of [
    [0, 'duration', 'build'],
    [1, 'failure', 'test-3'],
    [123456789, 'cancel', ''],
    [2 ** 52 + 12345, 'arrival', 'x'],
  ] as const) {
    const words = new Int32Array(4);
    const [key1, key2] = streamNameKey(purpose, name);
    streamWords(seedLow(seed), seedHigh(seed), key1, key2, words, 0);
    const [a, b, c, d] = words;
    const oracle = tycheI('', { state: { a, b, c, d } });
    const stream = new RandomStreams(seed).get(purpose, name);
    for (let index = 0; index < 2000; index++)
      assert.is(stream.next(), oracle(), `${seed}/${purpose}/${name} #${index}`);
  }
});

test('rng: every word of a stream moves when any bit of the seed or the name moves', () => {
  const wordsOf = (seed: number, purpose: string, name: string) => {
    const words = new Int32Array(4);
    const [key1, key2] = streamNameKey(purpose, name);
    streamWords(seedLow(seed), seedHigh(seed), key1, key2, words, 0);
    return words;
  };
  const base = wordsOf(2 ** 40 + 5, 'duration', 'build');
  for (const other of [
    wordsOf(2 ** 40 + 4, 'duration', 'build'),
    wordsOf(2 ** 41 + 5, 'duration', 'build'),
    wordsOf(2 ** 40 + 5, 'duration', 'buile'),
    wordsOf(2 ** 40 + 5, 'furation', 'build'),
  ])
    for (let word = 0; word < 4; word++) assert.is.not(other[word], base[word], `word ${word}`);
  assert.not.equal(streamNameKey('ab', 'c'), streamNameKey('a', 'bc'));
  assert.equal(streamNameKey('ab', 'c'), streamNameKey('ab', 'c'));
});

test('rng: different seeds, purposes and names give different sequences', () => {
  const reference = draws(new RandomStreams(42).get('duration', 'build'), 20);
  const others = [
    new RandomStreams(43).get('duration', 'build'),
    new RandomStreams(42).get('failure', 'build'),
    new RandomStreams(42).get('duration', 'test'),
    new RandomStreams(42).get('duration'),
    new RandomStreams(42 + 2 ** 40).get('duration', 'build'),
  ];
  for (const other of others) assert.not.equal(draws(other, 20), reference);
});

test('rng: purpose and name boundaries matter', () => {
  assert.is.not(streamSeed(1, 'ab', 'c'), streamSeed(1, 'a', 'bc'));
  assert.is.not(streamSeed(1, 'abc', ''), streamSeed(1, 'ab', 'c'));
  assert.is(new RandomStreams(1).get('cancel', '') === new RandomStreams(1).get('cancel'), false);
  const streams = new RandomStreams(1);
  assert.is(streams.get('cancel', ''), streams.get('cancel'), 'no name is the empty name');
});

test('rng: get returns the cached stream within a run', () => {
  const streams = new RandomStreams(9);
  const first = streams.get('duration', 'a');
  first.next();
  assert.is(streams.get('duration', 'a'), first);
});

test('rng: adding a stream or drawing more from one does not change another', () => {
  const alone = new RandomStreams(5);
  const expected = draws(alone.get('duration', 'deploy'), 50);

  const crowded = new RandomStreams(5);
  draws(crowded.get('duration', 'new-task'), 17);
  draws(crowded.get('failure', 'deploy'), 3);
  const deploy = crowded.get('duration', 'deploy');
  draws(crowded.get('duration', 'build'), 1000);
  assert.equal(draws(deploy, 50), expected);
});

test('rng: streams of neighbouring names are uncorrelated', () => {
  const streams = new RandomStreams(3);
  const a = draws(streams.get('duration', 'test-1'), DRAWS);
  const b = draws(streams.get('duration', 'test-2'), DRAWS);
  const meanA = mean(a);
  const meanB = mean(b);
  let covariance = 0;
  for (let index = 0; index < DRAWS; index++) covariance += (a[index] - meanA) * (b[index] - meanB);
  const correlation = covariance / DRAWS / Math.sqrt(variance(a) * variance(b));
  assert.ok(Math.abs(correlation) < 0.02, `correlation ${correlation}`);
});

test('rng: rejects seeds that are not safe integers', () => {
  assert.throws(() => new RandomStreams(1.5), /safe integer/);
  assert.throws(() => new RandomStreams(Number.NaN), /safe integer/);
  assert.throws(() => new RandomStreams(2 ** 60), /safe integer/);
});

test('rng: uniform has the right range and mean', () => {
  const stream = new RandomStreams(11).get('u');
  const values = Array.from({ length: DRAWS }, () => uniform(stream, 10, 20));
  assert.ok(values.every((value) => value >= 10 && value < 20));
  assert.ok(Math.abs(mean(values) - 15) < 0.05, String(mean(values)));
});

test('rng: normal has the right mean and deviation', () => {
  const stream = new RandomStreams(12).get('n');
  const values = Array.from({ length: DRAWS }, () => normal(stream, 100, 15));
  assert.ok(Math.abs(mean(values) - 100) < 0.3, String(mean(values)));
  assert.ok(Math.abs(Math.sqrt(variance(values)) - 15) < 0.3, String(Math.sqrt(variance(values))));
  assert.ok(values.every(Number.isFinite));
});

test('rng: lognormal has mean exp(mu + sigma^2 / 2)', () => {
  const stream = new RandomStreams(13).get('l');
  const values = Array.from({ length: DRAWS }, () => lognormal(stream, 1, 0.5));
  const expected = Math.exp(1 + 0.125);
  assert.ok(Math.abs(mean(values) / expected - 1) < 0.01, `${mean(values)} vs ${expected}`);
  assert.ok(values.every((value) => value > 0));
});

test('rng: exponential has the right mean and is never negative', () => {
  const stream = new RandomStreams(14).get('e');
  const values = Array.from({ length: DRAWS }, () => exponential(stream, 30));
  assert.ok(Math.abs(mean(values) / 30 - 1) < 0.02, String(mean(values)));
  assert.ok(values.every((value) => value >= 0 && Number.isFinite(value)));
});

test('rng: bernoulli succeeds with probability p', () => {
  const stream = new RandomStreams(15).get('b');
  let hits = 0;
  for (let index = 0; index < DRAWS; index++) if (bernoulli(stream, 0.05)) hits++;
  assert.ok(Math.abs(hits / DRAWS - 0.05) < 0.004, String(hits / DRAWS));
  const never = new RandomStreams(15).get('never');
  for (let index = 0; index < 1000; index++) assert.is(bernoulli(never, 0), false);
  for (let index = 0; index < 1000; index++) assert.is(bernoulli(never, 1), true);
});

test('rng: helpers use a fixed number of draws per value', () => {
  const a = new RandomStreams(16).get('x');
  const b = new RandomStreams(16).get('x');
  normal(a, 0, 1);
  lognormal(a, 0, 1);
  exponential(a, 1);
  uniform(a, 0, 1);
  bernoulli(a, 0.5);
  draws(b, 2 + 2 + 1 + 1 + 1);
  assert.is(a.next(), b.next());
});

test.run();
