/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

/**
 * The heap the cache's own structure takes, measured with the JVM's real object layout.
 */
final class Layout {

	/**
	 * Bytes each entry costs beyond its key and value: its node, which is also the link of its
	 * bin in the {@link NodeTable}. The table itself is accounted by {@link #tableBytes(long)},
	 * since it never shrinks.
	 */
	static final long NODE_OVERHEAD = MemoryLayout.instanceSize(Node.class);

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
	 * grow with that count and never shrink: the bins of its {@link NodeTable}, 2 from the first
	 * write, doubling when three quarters full, and the three arrays of its {@link AccessOrder}.
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

}
