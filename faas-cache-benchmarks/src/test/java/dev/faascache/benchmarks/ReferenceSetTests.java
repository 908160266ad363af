/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.faascache.Sizer;
import org.github.jamm.MemoryMeter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sizing benchmark compares two engines that must agree: the default {@link Sizer} and
 * jamm's {@code measureDeep}, on every value of the {@link ReferenceSet}.
 */
class ReferenceSetTests {

	private final MemoryMeter jamm = MemoryMeter.builder().build();

	@ParameterizedTest
	@EnumSource(ReferenceSet.class)
	void deepSizer_reportsTheSizeJammReports(ReferenceSet shape) {
		Object value = shape.create();
		assertThat(Sizer.deep().sizeOf(value)).isEqualTo(this.jamm.measureDeep(value)).isPositive();
	}

	@ParameterizedTest
	@EnumSource(Peer.class)
	void everyPeer_keepsWhatItIsGivenWithinItsBounds(Peer peer) {
		Peer.BenchmarkCache cache = peer.create(new Peer.Bounds(100, 1L << 20));
		Integer[] keys = Keys.distinct(100);
		Workload.fill(cache, keys, peer);
		assertThat(cache.get(keys[42])).isNotNull();
		assertThat(cache.entries()).isEqualTo(100);
	}

	@Test
	void putBenchmark_recordsTheEntriesHeld_bytesBindingTheBytePeers(@TempDir Path directory) throws IOException {
		Path file = directory.resolve("entries.txt");
		System.setProperty(Occupancy.PROPERTY, file.toString());
		try {
			for (Peer peer : List.of(Peer.FAAS_CACHE, Peer.CAFFEINE, Peer.FAAS_CACHE_BYTES, Peer.CAFFEINE_BYTES)) {
				PutBenchmark benchmark = new PutBenchmark();
				benchmark.peer = peer;
				benchmark.items = 1_000;
				benchmark.setup();
				for (int i = 0; i < 2_000; i++) {
					benchmark.put();
				}
				benchmark.recordEntries();
			}
		}
		finally {
			System.clearProperty(Occupancy.PROPERTY);
		}
		Map<String, Long> entries = Occupancy.read(file);
		assertThat(entries).containsEntry("PutBenchmark/1000/FAAS_CACHE", 1_000L)
			.containsEntry("PutBenchmark/1000/CAFFEINE", 1_000L);
		assertThat(entries.get("PutBenchmark/1000/FAAS_CACHE_BYTES")).isLessThan(1_000);
		// the weigher counts key and value only: the same budget holds more entries
		assertThat(entries.get("PutBenchmark/1000/CAFFEINE_BYTES")).isGreaterThan(1_000);
	}

}
