/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A target is met only if it holds over the whole error interval of what was measured, missed
 * only if it holds nowhere in it, and left open otherwise.
 */
class TargetsTests {

	private final Targets targets = new Targets();

	@Test
	void over_spansTheRatiosTheTwoIntervalsAllow() {
		Score.Interval ratio = new Score(10, 1).over(new Score(4, 0.5));
		assertThat(ratio.value()).isEqualTo(2.5);
		assertThat(ratio.low()).isEqualTo(9 / 4.5);
		assertThat(ratio.high()).isEqualTo(11 / 3.5);
	}

	@Test
	void atLeast_metOnlyWhenTheLowEndMeetsIt() {
		Score.Interval ratio = new Score(10, 1).over(new Score(4, 0.5));
		this.targets.atLeast("met", ratio, 2.0);
		this.targets.atLeast("open below", ratio, 2.1);
		this.targets.atLeast("open above", ratio, 3.1);
		this.targets.atLeast("missed", ratio, 3.2);
		assertThat(this.targets.table().lines().skip(2).map((row) -> row.substring(row.lastIndexOf("| ", row.length() - 2))))
			.containsExactly("| " + Targets.MET + " |", "| " + Targets.OPEN + " |", "| " + Targets.OPEN + " |",
					"| " + Targets.MISSED + " |");
	}

	@Test
	void atMost_withAnUnknownError_isNeverDecided() {
		Score unknown = new Score(0.1, Double.NaN);
		this.targets.atMost("allocates nothing", unknown, 1, "B/op");
		assertThat(this.targets.table()).contains("0.1 ± ? B/op").endsWith("| " + Targets.OPEN + " |\n");
	}

	@Test
	void over_aDenominatorWhoseIntervalReachesZero_hasNoUpperBound() {
		Score.Interval ratio = new Score(10, 1).over(new Score(1, 2));
		assertThat(ratio.high()).isInfinite();
		assertThat(ratio.format()).endsWith("–∞)");
	}

}
