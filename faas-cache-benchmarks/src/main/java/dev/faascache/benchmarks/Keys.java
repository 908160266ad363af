/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.benchmarks;

import java.util.SplittableRandom;

/**
 * Keys for the benchmarks, made before measuring so that no benchmark allocates or boxes a key.
 * <p>
 * Reads follow a Zipf distribution (exponent 0.99, as YCSB's), so a few keys are hot and most are
 * cold, as in a real cache; ranks are scrambled over the key space so that hot keys do not sit
 * side by side in a hash table.
 */
final class Keys {

	/** Zipf exponent of the read pattern. */
	static final double EXPONENT = 0.99;

	/** Length of the precomputed sequences of keys but those of {@link #lengthCovering}; a power of two. */
	static final int SEQUENCE_LENGTH = 1 << 20;

	private Keys() {
	}

	/**
	 * Return the distinct keys {@code 0 .. count - 1}, boxed.
	 */
	static Integer[] distinct(int count) {
		Integer[] keys = new Integer[count];
		for (int i = 0; i < count; i++) {
			keys[i] = Integer.valueOf(i);
		}
		return keys;
	}

	/**
	 * Return a sequence of {@link #SEQUENCE_LENGTH} keys drawn from {@code keys} with a Zipf
	 * distribution, each element one of the given key objects.
	 */
	static Integer[] zipf(Integer[] keys, long seed) {
		return zipf(keys, seed, SEQUENCE_LENGTH);
	}

	/**
	 * Return a sequence of the given length, a power of two, drawn from {@code keys} with a Zipf
	 * distribution, each element one of the given key objects.
	 */
	static Integer[] zipf(Integer[] keys, long seed, int length) {
		int[] indexes = zipf(keys.length, EXPONENT, length, seed);
		Integer[] sequence = new Integer[length];
		for (int i = 0; i < length; i++) {
			sequence[i] = keys[indexes[i]];
		}
		return sequence;
	}

	/**
	 * Return the length of a sequence that draws most of {@code count} keys: a power of two, at
	 * least {@link #SEQUENCE_LENGTH} and 8 to 16 times the keys. A sequence replayed in a loop draws
	 * only the keys in it: of 262,144 keys, 1,048,576 draws hold 145,000, which a cache of 131,072
	 * entries nearly holds from the second loop on, and 4,194,304 draws hold 237,000.
	 */
	static int lengthCovering(int count) {
		return Math.max(SEQUENCE_LENGTH, Integer.highestOneBit(count) << 4);
	}

	/**
	 * Return {@code length} indexes below {@code count} drawn with a Zipf distribution of the given
	 * exponent, the same for the same seed; the most frequent index is not 0 but scattered.
	 */
	static int[] zipf(int count, double exponent, int length, long seed) {
		double[] cumulative = new double[count];
		double sum = 0;
		for (int rank = 0; rank < count; rank++) {
			sum += 1 / Math.pow(rank + 1, exponent);
			cumulative[rank] = sum;
		}
		int[] guide = guide(cumulative);
		SplittableRandom random = new SplittableRandom(seed);
		int[] scramble = permutation(count, random);
		int[] sequence = new int[length];
		for (int i = 0; i < length; i++) {
			double drawn = random.nextDouble() * sum;
			int rank = guide[Math.min(count - 1, (int) (drawn / sum * count))];
			while (rank < count - 1 && cumulative[rank] < drawn) {
				rank++;
			}
			sequence[i] = scramble[rank];
		}
		return sequence;
	}

	/**
	 * Return, for each of as many equal slices of the total weight as there are ranks, a rank at or
	 * below the first whose cumulative weight reaches the slice: a draw then steps forward from its
	 * slice's rank over a few ranks instead of searching the whole array, for the same rank a
	 * binary search finds. One rank lower than the slice's own absorbs the rounding of a draw at
	 * the slice's lower edge.
	 */
	private static int[] guide(double[] cumulative) {
		int count = cumulative.length;
		double sum = cumulative[count - 1];
		int[] guide = new int[count];
		int rank = 0;
		for (int slice = 0; slice < count; slice++) {
			double start = sum * slice / count;
			while (rank < count - 1 && cumulative[rank] < start) {
				rank++;
			}
			guide[slice] = Math.max(0, rank - 1);
		}
		return guide;
	}

	private static int[] permutation(int count, SplittableRandom random) {
		int[] permutation = new int[count];
		for (int i = 0; i < count; i++) {
			permutation[i] = i;
		}
		for (int i = count - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			int swap = permutation[i];
			permutation[i] = permutation[j];
			permutation[j] = swap;
		}
		return permutation;
	}

}
