/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.util.concurrent.ConcurrentHashMap;

import org.github.jamm.MemoryMeter;

/**
 * The heap the cache's own structure takes, measured once with the JVM's real object layout.
 */
final class Layout {

	private static final MemoryMeter meter = MemoryMeter.builder().build();

	private static final long ARRAY_HEADER = meter.measure(new Object[0]);

	private static final long REFERENCE = (meter.measure(new Object[1024]) - ARRAY_HEADER) / 1024;

	/**
	 * Bytes each entry costs beyond its key and value: our node and the hash map's node. The hash
	 * table itself is accounted by {@link #tableBytes(long)}, since it never shrinks.
	 */
	static final long NODE_OVERHEAD = meter.measure(new Node<>(null, null, 0, 0)) + hashMapNodeBytes();

	private Layout() {
	}

	/**
	 * Return the deep size of the given parts of a cache's structure, each counted once.
	 */
	static long measureDeep(Object... parts) {
		long total = 0;
		for (Object part : parts) {
			total += meter.measureDeep(part);
		}
		return total;
	}

	static long measure(Object object) {
		return meter.measure(object);
	}

	/**
	 * Return the bytes of the table of a {@link ConcurrentHashMap} built empty that once held
	 * {@code peakCount} entries: it starts at 16 slots on the first write, doubles when three
	 * quarters full, and never shrinks. Exact for the cache, whose map is written only under its
	 * lock.
	 */
	static long tableBytes(long peakCount) {
		if (peakCount == 0) {
			return 0;
		}
		long slots = 16;
		while (peakCount >= slots - (slots >>> 2)) {
			slots <<= 1;
		}
		return ARRAY_HEADER + slots * REFERENCE;
	}

	private static long hashMapNodeBytes() {
		int entries = 4096;
		Object shared = new Object();
		ConcurrentHashMap<Integer, Object> map = new ConcurrentHashMap<>();
		long keys = 0;
		for (int i = 0; i < entries; i++) {
			Integer key = 1_000_000 + i;
			keys += meter.measure(key);
			map.put(key, shared);
		}
		long empty = meter.measureDeep(new ConcurrentHashMap<>());
		long full = meter.measureDeep(map);
		return Math.max(0, (full - empty - keys - meter.measure(shared) - tableBytes(entries)) / entries);
	}

}
