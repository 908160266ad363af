/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.benchmarks;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.BenchmarkException;
import org.openjdk.jmh.runner.RunnerException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A section that fails leaves a line in the report that says which and why, in place of its
 * tables, so that the tables of the sections around it are written.
 */
class ReportTests {

	@Test
	void failure_namesTheSectionAndTheMessageJmhWrapped() {
		IllegalStateException lost = new IllegalStateException("The other instance did not receive the announcement");
		RunnerException thrown = new RunnerException("Benchmark caught the exception",
				new BenchmarkException("Benchmark error during the run", List.of(lost)));
		String section = Report.failure("coherence", "<sub>caption</sub>", thrown);
		assertThat(section).startsWith("### Section `coherence`")
			.contains("<sub>caption</sub>")
			.contains("Failed: The other instance did not receive the announcement. The other sections ran.");
	}

	@Test
	void failure_withoutAMessage_namesTheException() {
		String section = Report.failure("startup", "caption", new RunnerException(new NullPointerException()));
		assertThat(section).contains("Failed: java.lang.NullPointerException.");
	}

}
