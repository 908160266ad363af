/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.benchmarks;

import dev.faascache.Sizer;
import org.github.jamm.MemoryMeter;
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
	}

}
