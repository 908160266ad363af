/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.benchmarks;

import java.util.Arrays;

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

	private static long distinct(Integer[] sequence) {
		return Arrays.stream(sequence).distinct().count();
	}

}
