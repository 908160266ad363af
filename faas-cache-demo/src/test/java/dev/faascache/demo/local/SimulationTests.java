/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.demo.local;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * What {@link Simulation} does before and after it runs the function: reading its options,
 * percentiles, and finding the table of the caches in the function's output. {@code LambdaRuntimeIT}
 * runs it.
 */
class SimulationTests {

	@Test
	void invocationsDefaultToTenAndTakeAPositiveNumber() {
		assertThat(Simulation.positive("simulate", List.of(), 10, "10")).isEqualTo(10);
		assertThat(Simulation.positive("simulate", List.of(""), 10, "10")).isEqualTo(10);
		assertThat(Simulation.positive("simulate", List.of(" 25 "), 10, "10")).isEqualTo(25);
	}

	@Test
	void countThatIsNotPositiveIsRefusedWithWhatIsAccepted() {
		assertThatIllegalArgumentException().isThrownBy(() -> Simulation.positive("simulate", List.of("0"), 10, "10"))
			.withMessage("--simulate takes a positive whole number, such as --simulate=10, but was '0'");
		assertThatIllegalArgumentException().isThrownBy(() -> Simulation.positive("memory", List.of("lots"), 512, "512"))
			.withMessage("--memory takes a positive whole number, such as --memory=512, but was 'lots'");
	}

	@Test
	void memoryOutsideLambdasRangeIsRefusedBeforeAnythingStarts() {
		PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Simulation.run(Map.of("simulate", List.of("2"), "memory", List.of("64")), out))
			.withMessage("--memory takes 128 to 10240 (MB, as Lambda does), but was 64");
	}

	@Test
	void pairedStartsThatAreNotPositiveAreRefusedBeforeAnythingStarts() {
		PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Simulation.run(Map.of("simulate", List.of("2"), "starts", List.of("-1")), out))
			.withMessage("--starts takes a positive whole number, such as --starts=10, but was '-1'");
	}

	@Test
	void runtimeClientIsRunOnLinuxOnlyAndElsewhereTheSimulationSaysWhy() {
		Simulation.requireLinux("Linux");
		assertThatIllegalStateException().isThrownBy(() -> Simulation.requireLinux("Mac OS X"))
			.withMessageContaining("native library exists for Linux only, but this is Mac OS X");
	}

	@Test
	void percentileIsNearestRank() {
		List<Long> latencies = List.of(5L, 1L, 4L, 2L, 3L, 100L, 6L, 7L, 8L, 9L);
		assertThat(Simulation.percentile(latencies, 50)).isEqualTo(5);
		assertThat(Simulation.percentile(latencies, 99)).isEqualTo(100);
		assertThat(Simulation.percentile(List.of(42L), 99)).isEqualTo(42);
		assertThat(Simulation.percentile(List.of(), 50)).isNegative();
	}

	@Test
	void cacheTableIsTheLastTableTheFunctionLogged() {
		List<String> output = List.of("2026-01-01T00:00:00Z  INFO 1 --- [main] d.f.d.CacheStatistics : Cache statistics at shutdown:",
				"cache  items", "old       1", "", "Received: {\"id\":\"1\"}",
				"2026-01-01T00:00:01Z  INFO 1 --- [Hook] d.f.d.CacheStatistics : Cache statistics at shutdown:",
				"cache  items", "products  3");
		assertThat(Simulation.cacheTable(output)).containsExactly("cache  items", "products  3");
		assertThat(Simulation.cacheTable(List.of("Received: {}"))).isEmpty();
	}

}
