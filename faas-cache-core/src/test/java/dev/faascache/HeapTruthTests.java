/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The byte accounting against the real heap: {@link HeapTruthProbe} fills caches in a JVM of its
 * own ({@code -XX:+UseSerialGC -Xmx512m}, the collector of AWS Lambda) and reports what the cache
 * accounted next to how much the heap grew. A Lambda whose heap outgrows its memory is killed, so
 * an under-count is the failure that matters, and the bounds are one-sided: the accounted bytes
 * may fall short of the heap by 0.5% (the probe's noise), may pass it by 2% (evicting that much
 * early), and the heap may pass the budget by 1%. The same holds on JDK 24 and later with
 * {@code sun.misc.Unsafe} memory access denied and with compact object headers, which those
 * tests fork (they are skipped, saying so, on older JDKs, and run in the build's JDK 25 pass).
 * <p>
 * Sizes are configurable for longer local runs: {@code -Dfaascache.heap.fillMb} (default 64, the
 * mixed fill; each single shape gets an eighth, and the forked configurations half), {@code -Dfaascache.heap.budgetMb} (32) and
 * {@code -Dfaascache.heap.writtenMb} (500; a fifth in the forked configurations).
 */
class HeapTruthTests {

	/** How far the accounted bytes may fall short of the heap: the probe's noise. */
	private static final double UNDER = 0.005;

	/** How far the accounted bytes may pass the heap: that much is evicted early. */
	private static final double OVER = 0.02;

	/** How far the heap may pass the budget. */
	private static final double OVER_BUDGET = 0.01;

	private static final long MB = 1024 * 1024;

	private static final long FILL_MB = Long.getLong("faascache.heap.fillMb", 64);

	private static final long BUDGET_MB = Long.getLong("faascache.heap.budgetMb", 32);

	private static final long WRITTEN_MB = Long.getLong("faascache.heap.writtenMb", 500);

	private static final List<String> DENY_UNSAFE = List.of("--sun-misc-unsafe-memory-access=deny");

	private static final List<String> COMPACT_HEADERS = List.of("-XX:+UseCompactObjectHeaders");

	@Test
	void getByteSize_matchesRetainedHeap_forEveryValueShape() throws Exception {
		List<String> args = new ArrayList<>(List.of("fill", "MIXED", String.valueOf(FILL_MB)));
		for (ValueShapes shape : ValueShapes.values()) {
			args.add(shape.name());
			args.add(String.valueOf(FILL_MB / 8));
		}
		List<Map<String, Long>> results = runProbe(List.of(), args);

		assertThat(results).hasSize(1 + ValueShapes.values().length);
		assertThat(results.get(0).get("accounted")).as("bytes in the mixed fill").isGreaterThanOrEqualTo(FILL_MB * MB);
		results.forEach(HeapTruthTests::assertAccountedMatchesHeap);
	}

	@Test
	void evictingFarMoreThanTheBudget_heapStaysWithinOnePercentOfIt() throws Exception {
		assertChurnHoldsTheBudget(List.of(), WRITTEN_MB);
	}

	/**
	 * Regression: writing a key again under a new, equal key object left the first key object in
	 * the map and the second in the node, so the heap held two keys while one was accounted.
	 */
	@Test
	void replacingUnderAnEqualNewKey_keepsOneKeyOnTheHeap() throws Exception {
		assertAccountedMatchesHeap(runProbe(List.of(), List.of("rekey", "16")).get(0));
	}

	/**
	 * Regression: the hash table never shrinks, but each entry was charged a fixed share of it,
	 * so after many small entries gave way to fewer large ones the heap passed the budget.
	 */
	@Test
	void fewerLargerEntriesAfterManySmallOnes_heapStaysWithinOnePercentOfBudget() throws Exception {
		Map<String, Long> result = runProbe(List.of(), List.of("shrink", String.valueOf(BUDGET_MB), "100000")).get(0);

		long budget = BUDGET_MB * MB;
		assertThat(result.get("accounted")).isLessThanOrEqualTo(budget);
		assertThat(result.get("maxHeap")).as("heap retained: %s", result)
			.isLessThanOrEqualTo((long) (budget * (1 + OVER_BUDGET)));
	}

	@Test
	void unsafeMemoryAccessDenied_getByteSizeMatchesRetainedHeap() throws Exception {
		ForkedJvm.assumeJdk24OrLater();
		assertMixedFillMatchesHeap(DENY_UNSAFE);
	}

	@Test
	void unsafeMemoryAccessDenied_evictingFarMoreThanTheBudget_heapStaysWithinOnePercentOfIt() throws Exception {
		ForkedJvm.assumeJdk24OrLater();
		assertChurnHoldsTheBudget(DENY_UNSAFE, WRITTEN_MB / 5);
	}

	@Test
	void compactObjectHeaders_getByteSizeMatchesRetainedHeap() throws Exception {
		ForkedJvm.assumeJdk24OrLater();
		assertMixedFillMatchesHeap(COMPACT_HEADERS);
	}

	@Test
	void compactObjectHeaders_evictingFarMoreThanTheBudget_heapStaysWithinOnePercentOfIt() throws Exception {
		ForkedJvm.assumeJdk24OrLater();
		assertChurnHoldsTheBudget(COMPACT_HEADERS, WRITTEN_MB / 5);
	}

	private static void assertMixedFillMatchesHeap(List<String> jvmOptions) throws Exception {
		Map<String, Long> result = runProbe(jvmOptions, List.of("fill", "MIXED", String.valueOf(FILL_MB / 2))).get(0);

		assertThat(result.get("accounted")).isGreaterThanOrEqualTo(FILL_MB / 2 * MB);
		assertAccountedMatchesHeap(result);
	}

	private static void assertChurnHoldsTheBudget(List<String> jvmOptions, long writtenMb) throws Exception {
		int samples = 20;
		Map<String, Long> result = runProbe(jvmOptions, List.of("churn", String.valueOf(BUDGET_MB),
				String.valueOf(writtenMb), String.valueOf(samples))).get(0);

		long budget = BUDGET_MB * MB;
		assertThat(result.get("written")).isGreaterThanOrEqualTo(writtenMb * MB);
		assertThat(result.get("evictions")).isPositive();
		assertThat(result.get("maxAccounted")).as("bytes accounted after any write").isLessThanOrEqualTo(budget);
		assertThat(result.get("maxHeap")).as("heap retained at the worst of %s samples: %s", samples, result)
			.isLessThanOrEqualTo((long) (budget * (1 + OVER_BUDGET)));
	}

	private static void assertAccountedMatchesHeap(Map<String, Long> result) {
		long heap = result.get("heap");
		assertThat(result.get("accounted")).as("bytes accounted vs heap retained: %s", result)
			.isBetween((long) (heap * (1 - UNDER)), (long) (heap * (1 + OVER)));
	}

	/**
	 * Run the probe in a new JVM ({@code -XX:+UseSerialGC -Xmx512m -XX:-UseTLAB}, plus the given
	 * options) and return the numbers of each {@code RESULT} line it printed.
	 */
	private static List<Map<String, Long>> runProbe(List<String> jvmOptions, List<String> probeArgs)
			throws IOException, InterruptedException {
		List<String> options = new ArrayList<>(List.of("-XX:+UseSerialGC", "-Xmx512m", "-XX:-UseTLAB"));
		options.addAll(jvmOptions);
		String output = ForkedJvm.run(options, HeapTruthProbe.class, probeArgs);
		System.out.println("HeapTruth " + jvmOptions);
		return ForkedJvm.results(output);
	}

}
