/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.demo.local;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * The statistics that {@code --starts} reports: the median of paired differences and its
 * distribution-free interval, on fixed inputs whose order statistics and binomial tails are
 * worked out by hand.
 */
class PairedDifferenceTests {

	@Test
	void medianIsOfTheDifferencesWithinPairsNotTheDifferenceOfMedians() {
		// the second start of each pair runs on a warmer machine: the pairs, not the medians, show +2 every time
		List<Integer> a = List.of(102, 52, 202, 12, 1002);
		List<Integer> b = List.of(100, 50, 200, 10, 1000);
		PairedDifference difference = PairedDifference.of(a, b);
		assertThat(difference.median()).isEqualTo(2);
		assertThat(difference.low()).isEqualTo(2);
		assertThat(difference.high()).isEqualTo(2);
	}

	@Test
	void belowSixPairsTheIntervalRunsFromTheSmallestToTheLargestDifference() {
		// differences 5, -3, 1, 8, 0: sorted -3, 0, 1, 5, 8
		PairedDifference difference = PairedDifference.of(List.of(15, 7, 11, 18, 10), List.of(10, 10, 10, 10, 10));
		assertThat(difference.median()).isEqualTo(1);
		assertThat(difference.low()).isEqualTo(-3);
		assertThat(difference.high()).isEqualTo(8);
		// 1 - 2 * P(X = 0), X ~ Binomial(5, 1/2)
		assertThat(difference.confidence()).isCloseTo(1 - 2.0 / 32, within(1e-12));
	}

	@Test
	void tenPairsDropTheExtremeOnEachSideForAtLeastNinetyFivePercent() {
		// differences 1 to 10 in a shuffled order
		List<Integer> a = List.of(7, 3, 10, 1, 9, 2, 8, 5, 4, 6);
		List<Integer> b = List.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
		PairedDifference difference = PairedDifference.of(a, b);
		assertThat(difference.median()).isEqualTo(5.5);
		// P(X <= 1) = 11/1024 keeps the miss under 5%; P(X <= 2) = 56/1024 would not
		assertThat(difference.low()).isEqualTo(2);
		assertThat(difference.high()).isEqualTo(9);
		assertThat(difference.confidence()).isCloseTo(1 - 22.0 / 1024, within(1e-12));
	}

	@Test
	void twentyPairsKeepTheWidestRanksWhoseMissIsAtMostFivePercent() {
		// differences 1 to 20; P(X <= 5) = 21700/2^20 = 2.07%, P(X <= 6) = 60460/2^20 = 5.77%
		List<Integer> a = new ArrayList<>();
		List<Integer> b = new ArrayList<>();
		for (int i = 20; i >= 1; i--) {
			a.add(i);
			b.add(0);
		}
		PairedDifference difference = PairedDifference.of(a, b);
		assertThat(difference.median()).isEqualTo(10.5);
		assertThat(difference.low()).isEqualTo(6);
		assertThat(difference.high()).isEqualTo(15);
		assertThat(difference.confidence()).isCloseTo(1 - 2 * 21700.0 / (1 << 20), within(1e-12));
	}

	@Test
	void onePairIsItsOwnMedianWithNoConfidenceAndTwoPairsGiveFiftyPercent() {
		PairedDifference one = PairedDifference.of(List.of(30L), List.of(20L));
		assertThat(one.median()).isEqualTo(10);
		assertThat(one.confidence()).isZero();
		PairedDifference two = PairedDifference.of(List.of(30L, 20L), List.of(20L, 24L));
		assertThat(two.median()).isEqualTo(3);
		assertThat(two.low()).isEqualTo(-4);
		assertThat(two.high()).isEqualTo(10);
		assertThat(two.confidence()).isEqualTo(0.5);
	}

	@Test
	void unpairedValuesAreRefusedWithTheirCounts() {
		assertThatIllegalArgumentException().isThrownBy(() -> PairedDifference.of(List.of(1, 2), List.of(1)))
			.withMessage("Paired differences need as many values on each side, at least one, but had 2 and 1");
		assertThatIllegalArgumentException().isThrownBy(() -> PairedDifference.of(List.of(), List.of()))
			.withMessage("Paired differences need as many values on each side, at least one, but had 0 and 0");
	}

	@Test
	void medianOfOneSideIsTheMiddleValueOrTheMeanOfTheMiddleTwo() {
		assertThat(PairedDifference.median(List.of(9L, 1L, 5L))).isEqualTo(5);
		assertThat(PairedDifference.median(List.of(9L, 1L, 5L, 3L))).isEqualTo(4);
	}

}
