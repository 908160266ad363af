/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cache at a function's cold start, in a JVM of its own: it measures without a word on
 * standard error (JDK 24 and later print a warning the first time {@code sun.misc.Unsafe}'s
 * memory access is used, into every cold start's log), and it loads and bounds by bytes with
 * {@code --sun-misc-unsafe-memory-access=deny}, the default JEP 471 heads for, with the default
 * sizer and with a custom one. The test with the option runs on JDK 24 and later (the build's
 * JDK 25 pass); the others on every JDK.
 */
class UnsafeFreeSizingTests {

	@Test
	void firstMeasurements_printNothingOnStandardError() throws Exception {
		String output = ForkedJvm.run(List.of(), CacheSmokeProbe.class, List.of());

		assertThat(output).doesNotContain("sun.misc.Unsafe").doesNotContain("WARNING");
		assertBoundedByBytes(ForkedJvm.results(output));
	}

	@Test
	void unsafeMemoryAccessDenied_cacheLoadsAndBoundsByBytes() throws Exception {
		ForkedJvm.assumeJdk24OrLater();
		String output = ForkedJvm.run(List.of("--sun-misc-unsafe-memory-access=deny"), CacheSmokeProbe.class,
				List.of());

		assertThat(output).doesNotContain("Exception").doesNotContain("Error");
		assertBoundedByBytes(ForkedJvm.results(output));
	}

	/**
	 * The probe wrote over 1 MB into each 256 KB cache: every write left the cache within its
	 * budget, and older entries were evicted to make room.
	 */
	private static void assertBoundedByBytes(List<Map<String, Long>> results) {
		assertThat(results).hasSize(2);
		for (Map<String, Long> result : results) {
			assertThat(result.get("maxAccounted")).as("%s", result).isLessThanOrEqualTo(result.get("budget"));
			assertThat(result.get("evictions")).as("%s", result).isPositive();
			assertThat(result.get("entries")).as("%s", result).isPositive();
		}
	}

}
