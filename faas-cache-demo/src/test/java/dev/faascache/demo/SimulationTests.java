/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.demo;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Runs {@link DemoApplication#main(String[])} with {@code --simulate}, as the quick start does.
 */
@ExtendWith(OutputCaptureExtension.class)
class SimulationTests {

	private static final Pattern INVOCATION_ROW = Pattern
		.compile("(?m)^\\s+(\\d+)\\s+(\\S+)\\s+(HIT|MISS)\\s+\\d+\\.\\d ms$");

	@Test
	void simulatePrintsEachInvocationThenCacheStatisticsAndStopsWithoutWebServer(CapturedOutput output) {
		try (DemoRun run = simulate("--simulate=5")) {
			assertThat(run.context()).isNotInstanceOf(WebServerApplicationContext.class);
			assertThat(run.context().isActive()).as("context still running after main returned").isFalse();
		}
		assertThat(invocationRows(output)).containsExactly("1 1 MISS", "2 2 MISS", "3 3 MISS", "4 1 HIT", "5 2 HIT");
		assertThat(output).containsPattern("(?m)^products\\s+3\\s+\\d+(\\.\\d)? (B|KiB) / 64M\\s+2\\s+3\\s+40\\.0%$");
		assertThat(output).contains("5 invocations: 2 answered by the cache, 3 called the product catalog");
	}

	@Test
	@SuppressWarnings("try") // the run is there to be closed
	void simulateWithoutCountMakesTenInvocations(CapturedOutput output) {
		try (DemoRun run = simulate("--simulate")) {
			assertThat(invocationRows(output)).hasSize(10);
		}
	}

	@Test
	void simulateRejectsCountThatIsNotPositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> DemoApplication.main(new String[] { "--simulate=0" }))
			.withMessage("--simulate takes a positive number of invocations, such as --simulate=10, but was '0'");
		assertThatIllegalArgumentException().isThrownBy(() -> DemoApplication.main(new String[] { "--simulate=ten" }))
			.withMessageContaining("but was 'ten'");
	}

	private static DemoRun simulate(String option) {
		DemoRun run = new DemoRun(Map.of("demo.catalog.latency", "1ms"));
		run.start(() -> {
			DemoApplication.main(new String[] { option });
			return null;
		});
		return run;
	}

	private static List<String> invocationRows(CapturedOutput output) {
		Matcher row = INVOCATION_ROW.matcher(output.getOut());
		return row.results().map((match) -> match.group(1) + " " + match.group(2) + " " + match.group(3)).toList();
	}

}
