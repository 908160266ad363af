/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.benchmarks;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * The startup comparison judges its targets on the sign test's interval of the median of paired
 * differences.
 */
class PairedMedianTests {

	@Test
	void of_fivePairs_spansEveryDifference() {
		PairedMedian median = PairedMedian.of(List.of(10.0, 12.0, 30.0, 11.0, 14.0), List.of(9.0, 9.0, 9.0, 9.0, 9.0),
				Double::doubleValue);
		assertThat(median.median()).isEqualTo(3);
		assertThat(median.low()).isEqualTo(1);
		assertThat(median.high()).isEqualTo(21);
		assertThat(median.confidence()).isCloseTo(1 - 2 / 32.0, within(1e-12));
	}

	@Test
	void of_fiftyPairs_narrowsToAtLeastNinetyFivePercent() {
		List<Double> with = IntStream.range(0, 50).mapToObj((i) -> (double) i).toList();
		List<Double> without = IntStream.range(0, 50).mapToObj((i) -> 0.0).toList();
		PairedMedian median = PairedMedian.of(with, without, Double::doubleValue);
		assertThat(median.confidence()).isBetween(0.95, 0.99);
		// the sign test's ranks for 50 pairs at 95% are the 18th and the 33rd differences
		assertThat(median.low()).isEqualTo(17);
		assertThat(median.high()).isEqualTo(32);
		assertThat(median.median()).isEqualTo(24.5);
	}

	@Test
	void of_unpairedSamples_isRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PairedMedian.of(List.of(1.0, 2.0), List.of(1.0), Double::doubleValue))
			.withMessageContaining("2 and 1");
	}

}
