/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.benchmarks;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A mixed workload replays its Zipf sequence in a loop, so the keys it can miss are those in the
 * sequence: for a large cache the sequence must hold most of the keys, or the cache holds the loop
 * and every peer hits from the second pass on.
 */
class KeysTests {

	@Test
	void lengthCovering_twiceTheLargeCache_drawsMostKeys() {
		int keys = 2 * 131_072;
		int length = Keys.lengthCovering(keys);
		assertThat(Integer.bitCount(length)).as("a power of two, for the cursor's mask").isEqualTo(1);
		assertThat(distinct(Keys.zipf(Keys.distinct(keys), 5, length))).isGreaterThan(keys * 85 / 100);
		assertThat(distinct(Keys.zipf(Keys.distinct(keys), 5))).as("the default length, which the cache nearly holds")
			.isLessThan(131_072 * 6 / 5);
	}

	@Test
	void lengthCovering_smallKeySets_keepTheDefaultLength() {
		assertThat(Keys.lengthCovering(20_000)).isEqualTo(Keys.SEQUENCE_LENGTH);
	}

	/**
	 * The sequences are drawn by a guide table, for speed on large key sets, and must stay those a
	 * binary search of the cumulative weights draws, so that every workload keeps its keys.
	 */
	@Test
	void zipf_drawsTheRanksABinarySearchDraws() {
		for (int count : new int[] { 1, 2, 1_000, 20_000, 262_144 }) {
			assertThat(Keys.zipf(count, Keys.EXPONENT, 200_000, 7)).as("%s keys", count)
				.isEqualTo(binarySearchZipf(count, Keys.EXPONENT, 200_000, 7));
		}
	}

	private static int[] binarySearchZipf(int count, double exponent, int length, long seed) {
		double[] cumulative = new double[count];
		double sum = 0;
		for (int rank = 0; rank < count; rank++) {
			sum += 1 / Math.pow(rank + 1, exponent);
			cumulative[rank] = sum;
		}
		SplittableRandom random = new SplittableRandom(seed);
		int[] scramble = IntStream.range(0, count).toArray();
		for (int i = count - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			int swap = scramble[i];
			scramble[i] = scramble[j];
			scramble[j] = swap;
		}
		int[] sequence = new int[length];
		for (int i = 0; i < length; i++) {
			int rank = Arrays.binarySearch(cumulative, random.nextDouble() * sum);
			sequence[i] = scramble[(rank >= 0) ? rank : Math.min(count - 1, -rank - 1)];
		}
		return sequence;
	}

	private static long distinct(Integer[] sequence) {
		return Arrays.stream(sequence).distinct().count();
	}

}
