/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The byte accounting against the real heap: {@link HeapTruthProbe} fills caches in a JVM of its
 * own ({@code -XX:+UseSerialGC -Xmx512m}, the collector of AWS Lambda) and reports what the cache
 * accounted next to how much the heap grew. A Lambda whose heap outgrows its memory is killed, so
 * an under-count is the failure that matters; an over-count only evicts early.
 * <p>
 * Sizes are configurable for longer local runs: {@code -Dfaascache.heap.fillMb} (default 64, the
 * mixed fill; each single shape gets a quarter), {@code -Dfaascache.heap.budgetMb} (32) and
 * {@code -Dfaascache.heap.writtenMb} (500).
 */
class HeapTruthTest {

	private static final double MARGIN = 0.05;

	private static final long MB = 1024 * 1024;

	private static final long FILL_MB = Long.getLong("faascache.heap.fillMb", 64);

	private static final long BUDGET_MB = Long.getLong("faascache.heap.budgetMb", 32);

	private static final long WRITTEN_MB = Long.getLong("faascache.heap.writtenMb", 500);

	@Test
	void getByteSize_matchesRetainedHeapWithinFivePercent_forEveryValueShape() throws Exception {
		List<String> args = new ArrayList<>(List.of("fill", "MIXED", String.valueOf(FILL_MB)));
		for (ValueShapes shape : ValueShapes.values()) {
			args.add(shape.name());
			args.add(String.valueOf(FILL_MB / 4));
		}
		List<Map<String, Long>> results = runProbe(args);

		assertThat(results).hasSize(1 + ValueShapes.values().length);
		assertThat(results.get(0).get("accounted")).as("bytes in the mixed fill").isGreaterThanOrEqualTo(FILL_MB * MB);
		for (Map<String, Long> result : results) {
			long heap = result.get("heap");
			assertThat(result.get("accounted")).as("bytes accounted vs heap retained: %s", result)
				.isCloseTo(heap, within((long) (heap * MARGIN)));
		}
	}

	@Test
	void evictingFarMoreThanTheBudget_heapStaysWithinFivePercentOfIt() throws Exception {
		int samples = 20;
		Map<String, Long> result = runProbe(List.of("churn", String.valueOf(BUDGET_MB), String.valueOf(WRITTEN_MB),
				String.valueOf(samples))).get(0);

		long budget = BUDGET_MB * MB;
		assertThat(result.get("written")).isGreaterThanOrEqualTo(WRITTEN_MB * MB);
		assertThat(result.get("evictions")).isPositive();
		assertThat(result.get("maxAccounted")).as("bytes accounted after any write").isLessThanOrEqualTo(budget);
		assertThat(result.get("maxHeap")).as("heap retained at the worst of %s samples: %s", samples, result)
			.isLessThanOrEqualTo((long) (budget * (1 + MARGIN)));
	}

	/**
	 * Regression: writing a key again under a new, equal key object left the first key object in
	 * the map and the second in the node, so the heap held two keys while one was accounted.
	 */
	@Test
	void replacingUnderAnEqualNewKey_keepsOneKeyOnTheHeap() throws Exception {
		Map<String, Long> result = runProbe(List.of("rekey", "16")).get(0);

		long heap = result.get("heap");
		assertThat(result.get("accounted")).as("bytes accounted vs heap retained: %s", result)
			.isCloseTo(heap, within((long) (heap * MARGIN)));
	}

	/**
	 * Regression: the hash table never shrinks, but each entry was charged a fixed share of it,
	 * so after many small entries gave way to fewer large ones the heap passed the budget.
	 */
	@Test
	void fewerLargerEntriesAfterManySmallOnes_heapStaysWithinFivePercentOfBudget() throws Exception {
		Map<String, Long> result = runProbe(List.of("shrink", String.valueOf(BUDGET_MB), "100000")).get(0);

		long budget = BUDGET_MB * MB;
		assertThat(result.get("accounted")).isLessThanOrEqualTo(budget);
		assertThat(result.get("maxHeap")).as("heap retained: %s", result)
			.isLessThanOrEqualTo((long) (budget * (1 + MARGIN)));
	}

	/**
	 * Run the probe in a new JVM and return the numbers of each {@code RESULT} line it printed.
	 */
	private static List<Map<String, Long>> runProbe(List<String> probeArgs) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC", "-Xmx512m",
				"-XX:-UseTLAB", "-cp", System.getProperty("java.class.path"), HeapTruthProbe.class.getName()));
		command.addAll(probeArgs);
		Path log = Files.createTempFile("heap-truth", ".log");
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
			boolean exited = process.waitFor(3, TimeUnit.MINUTES);
			if (!exited) {
				process.destroyForcibly();
			}
			String output = Files.readString(log);
			assertThat(exited).as("probe finished; output:%n%s", output).isTrue();
			assertThat(process.exitValue()).as("probe exit status; output:%n%s", output).isZero();
			return parseResults(output);
		}
		finally {
			Files.delete(log);
		}
	}

	private static List<Map<String, Long>> parseResults(String output) {
		List<Map<String, Long>> results = new ArrayList<>();
		for (String line : output.lines().filter((l) -> l.startsWith("RESULT ")).toList()) {
			System.out.println("HeapTruth " + line);
			Map<String, Long> numbers = new HashMap<>();
			for (String pair : line.substring("RESULT ".length()).split(" ")) {
				String[] keyValue = pair.split("=", 2);
				if (keyValue[1].chars().allMatch(Character::isDigit)) {
					numbers.put(keyValue[0], Long.parseLong(keyValue[1]));
				}
			}
			results.add(numbers);
		}
		return results;
	}

}
