/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The heap the cache's own structure takes, measured with the JVM's real object layout.
 */
final class Layout {

	/**
	 * Bytes each entry costs beyond its key and value: our node and the hash map's node. The hash
	 * table itself is accounted by {@link #tableBytes(long)}, since it never shrinks.
	 */
	static final long NODE_OVERHEAD = MemoryLayout.instanceSize(Node.class) + hashMapNodeBytes();

	/**
	 * The initial capacity the cache gives its {@link ConcurrentHashMap}: a table of 2 slots,
	 * rather than the default 16, so that a small cache spends little on it.
	 */
	static final int INITIAL_TABLE_CAPACITY = 1;

	private Layout() {
	}

	/**
	 * Return the deep size of the given parts of a cache's structure, each measured on its own.
	 */
	static long measureDeep(Object... parts) {
		long total = 0;
		for (Object part : parts) {
			total += Sizer.deep().sizeOf(part);
		}
		return total;
	}

	/**
	 * Return the shallow size of an object that is not an array.
	 */
	static long measure(Object object) {
		return ClassLayout.of(object.getClass()).instanceSize(object);
	}

	/**
	 * Return the bytes of the tables of a cache that once held {@code peakCount} entries, which
	 * grow with that count and never shrink: the table of its {@link ConcurrentHashMap}, made
	 * with {@link #INITIAL_TABLE_CAPACITY} so that it starts at 2 slots on the first write, and
	 * doubles when three quarters full (exact for the cache, whose map is written only under its
	 * lock), and the three arrays of its {@link AccessOrder}.
	 */
	static long tableBytes(long peakCount) {
		if (peakCount == 0) {
			return 0;
		}
		long slots = CollectionModels.hashTableSlots(peakCount, 2);
		long orderSlots = AccessOrder.slotsFor(peakCount);
		return MemoryLayout.arraySize(slots, MemoryLayout.REFERENCE_SIZE)
				+ MemoryLayout.arraySize(orderSlots, MemoryLayout.REFERENCE_SIZE)
				+ 2 * MemoryLayout.arraySize(orderSlots, Integer.BYTES);
	}

	private static long hashMapNodeBytes() {
		try {
			return MemoryLayout.instanceSize(Class.forName(ConcurrentHashMap.class.getName() + "$Node"));
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException("ConcurrentHashMap has no Node class to measure", ex);
		}
	}

}
