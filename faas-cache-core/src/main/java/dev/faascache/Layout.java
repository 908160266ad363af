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

	/**
	 * Bytes each entry costs beyond its key and value: our node, the hash map's node, and the
	 * entry's share of the hash table.
	 */
	static final long NODE_OVERHEAD = meter.measure(new Node<>(null, null, 0, 0)) + hashMapEntryOverhead();

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

	private static long hashMapEntryOverhead() {
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
		return Math.max(0, (full - empty - keys - meter.measure(shared)) / entries);
	}

}
