/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The hit-ratio simulation replays the same requests on every cache, from one thread, where
 * FaasCache's order is exact LRU.
 */
class HitRatioSimulationTests {

	@TempDir
	Path directory;

	@Test
	void faasCache_fromOneThread_hitsExactlyAsAnLruMap() {
		long[] requests = Arrays.copyOf(Workloads.zipf(0.99, 7), 200_000);
		double faas = HitRatioSimulation.hitRatio(HitRatioSimulation.faasCache(1_000), requests);
		assertThat(faas).isBetween(0.3, 0.7)
			.isEqualTo(HitRatioSimulation.hitRatio(HitRatioSimulation.linkedHashMap(1_000), requests));
	}

	@Test
	void caffeine_onALoopLargerThanTheCache_hitsWhereLruNeverDoes() {
		long[] loop = new long[100_000];
		Arrays.setAll(loop, (i) -> i % 1_500);
		assertThat(HitRatioSimulation.hitRatio(HitRatioSimulation.faasCache(1_000), loop)).isZero();
		assertThat(HitRatioSimulation.hitRatio(HitRatioSimulation.caffeine(1_000), loop)).isPositive();
	}

	@Test
	void zipfWithScans_insertsKeysNeverRequestedBefore() {
		long[] zipf = Workloads.zipf(0.99, 3);
		long[] scanned = Workloads.zipfWithScans(0.99, 3);
		int scans = zipf.length / Workloads.SCAN_EVERY;
		assertThat(scanned).hasSize(zipf.length + scans * Workloads.SCAN);
		assertThat(Arrays.copyOf(scanned, Workloads.SCAN_EVERY)).isEqualTo(Arrays.copyOf(zipf, Workloads.SCAN_EVERY));
		long[] firstScan = Arrays.copyOfRange(scanned, Workloads.SCAN_EVERY, Workloads.SCAN_EVERY + Workloads.SCAN);
		assertThat(firstScan).doesNotHaveDuplicates();
		assertThat(Arrays.stream(firstScan).min().getAsLong()).isGreaterThanOrEqualTo(HitRatioSimulation.KEYS);
	}

	@Test
	void traces_readGzippedLirsTraces_skippingCheckpoints() throws IOException {
		try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(this.directory.resolve("cs.trace.gz")))) {
			out.write("7\n8\n*\n7 \n\n9\n".getBytes(StandardCharsets.US_ASCII));
		}
		Files.writeString(this.directory.resolve("ps.trc"), "1\n2\n");
		Map<String, long[]> traces = Traces.read(this.directory, List.of("multi1", "ps", "cs"));
		assertThat(traces).containsOnlyKeys("ps", "cs");
		assertThat(traces.keySet()).containsExactly("ps", "cs");
		assertThat(traces.get("cs")).containsExactly(7, 8, 7, 9);
	}

	@Test
	void traces_noneFound_namesWhatWasLookedFor() {
		assertThatIllegalArgumentException().isThrownBy(() -> Traces.read(this.directory, List.of("multi1")))
			.withMessageContaining("multi1")
			.withMessageContaining(this.directory.toString());
	}

}
