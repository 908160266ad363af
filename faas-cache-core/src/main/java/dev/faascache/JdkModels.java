/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.lang.ref.Reference;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sizes of the JDK classes whose packages are closed to reflection, worked out from their public
 * API, for JDKs where {@code sun.misc.Unsafe} would warn or is denied.
 * <p>
 * A class with no reference field (boxes, {@code Instant}, {@code LocalDate}, {@code UUID}) needs
 * no model: its shallow size is all of it. For the others, a model pushes what an instance
 * references onto the walk, through the accessors that return those very objects (a
 * {@code LocalDateTime}'s date and time, a map's keys and values), and adds the bytes of the
 * parts no accessor returns: a collection's arrays and nodes, whose sizes follow from its size
 * and the growth rules of the class. Where those rules leave a choice, the model takes the larger
 * size, and says so ({@link Model#estimate()}): the capacity of an {@code ArrayList} is taken as
 * grown one element at a time from the default, which is also exact for the lists a JSON mapper
 * builds, but counts a list presized larger than it ever grew as smaller than it is.
 * <p>
 * Caches a class creates lazily and keeps are made to exist before they are counted, so that
 * the count does not depend on calls made before: a map's key, value and entry views, a
 * {@code BigDecimal}'s string. Making them allocates once per object, never again.
 */
final class JdkModels {

	/** The bytes an element adds to a collection this class has no model of: a node, a slot. */
	private static final long UNKNOWN_ELEMENT_BYTES = 48;

	private static final Map<Class<?>, Model> byClass = new HashMap<>();

	private static final long HASH_NODE = nodeSize("java.util.HashMap$Node");

	private static final long LINKED_HASH_NODE = nodeSize("java.util.LinkedHashMap$Entry");

	private static final long TREE_NODE = nodeSize("java.util.TreeMap$Entry");

	private static final long CONCURRENT_NODE = nodeSize("java.util.concurrent.ConcurrentHashMap$Node");

	private static final long LINKED_LIST_NODE = nodeSize("java.util.LinkedList$Node");

	private static final long OBJECT = MemoryLayout.instanceSize(Object.class);

	private static final String HASH_TABLE = "its table is taken as grown one entry at a time, or copied from a"
			+ " map, whichever is larger";

	static {
		model(BigInteger.class, (object, walk) -> bigIntegerBytes((BigInteger) object));
		model(BigDecimal.class, JdkModels::bigDecimal);
		model(LocalDateTime.class, (object, walk) -> push(walk, ((LocalDateTime) object).toLocalDate(),
				((LocalDateTime) object).toLocalTime()));
		model(OffsetDateTime.class, (object, walk) -> push(walk, ((OffsetDateTime) object).toLocalDateTime(),
				((OffsetDateTime) object).getOffset()));
		model(ZonedDateTime.class, (object, walk) -> push(walk, ((ZonedDateTime) object).toLocalDateTime(),
				((ZonedDateTime) object).getOffset(), ((ZonedDateTime) object).getZone()));
		model(OffsetTime.class, (object, walk) -> push(walk, ((OffsetTime) object).toLocalTime(),
				((OffsetTime) object).getOffset()));
		// A zone's rules are the JDK's own, shared by every instance of the zone.
		model(ZoneOffset.class, (object, walk) -> push(walk, ((ZoneId) object).getId()));
		model(classNamed("java.time.ZoneRegion"), (object, walk) -> push(walk, ((ZoneId) object).getId()));
		model(Optional.class, (object, walk) -> push(walk, ((Optional<?>) object).orElse(null)));
		model(AtomicReference.class, (object, walk) -> push(walk, ((AtomicReference<?>) object).get()));
		model(AtomicReferenceArray.class, JdkModels::atomicArray);
		model(AtomicLongArray.class, (object, walk) -> MemoryLayout.arraySize(((AtomicLongArray) object).length(),
				Long.BYTES));
		model(AtomicIntegerArray.class, (object, walk) -> MemoryLayout.arraySize(((AtomicIntegerArray) object).length(),
				Integer.BYTES));
		Model adder = new Estimate("its cells, made only when threads contend, are not counted", (object, walk) -> 0);
		model(LongAdder.class, adder);
		model(DoubleAdder.class, adder);
		model(ReentrantLock.class, (object, walk) -> MemoryLayout.instanceSize(classNamed(
				((ReentrantLock) object).isFair() ? "java.util.concurrent.locks.ReentrantLock$FairSync"
						: "java.util.concurrent.locks.ReentrantLock$NonfairSync")));
		model(Arrays.asList(1).getClass(), (object, walk) -> elements((Collection<?>) object, walk)
				+ referenceArray(((Collection<?>) object).size()));
		model(List.of(1).getClass(), JdkModels::elements);
		model(List.of(1, 2, 3).getClass(), (object, walk) -> elements((Collection<?>) object, walk)
				+ referenceArray(((Collection<?>) object).size()));
		model(Set.of(1).getClass(), JdkModels::elements);
		model(Set.of(1, 2, 3).getClass(), (object, walk) -> elements((Collection<?>) object, walk)
				+ referenceArray(2L * ((Collection<?>) object).size()));
		model(Map.of(1, 1).getClass(), (object, walk) -> entries((Map<?, ?>) object, walk));
		model(Map.of(1, 1, 2, 2).getClass(), (object, walk) -> entries((Map<?, ?>) object, walk)
				+ referenceArray(4L * ((Map<?, ?>) object).size()));
		model(ArrayList.class, new Estimate("its capacity is taken as grown one element at a time",
				(object, walk) -> elements((Collection<?>) object, walk)
						+ referenceArray(arrayListCapacity(((Collection<?>) object).size()))));
		model(CopyOnWriteArrayList.class, (object, walk) -> elements((Collection<?>) object, walk)
				+ referenceArray(((Collection<?>) object).size()) + OBJECT);
		model(LinkedList.class, (object, walk) -> elements((Collection<?>) object, walk)
				+ ((Collection<?>) object).size() * LINKED_LIST_NODE);
		model(ArrayDeque.class, new Estimate("its capacity is taken as grown one element at a time",
				(object, walk) -> elements((Collection<?>) object, walk)
						+ referenceArray(arrayDequeCapacity(((Collection<?>) object).size()))));
		model(HashMap.class, new Estimate(HASH_TABLE, (object, walk) -> hashMap((Map<?, ?>) object, HASH_NODE, walk)));
		model(LinkedHashMap.class, new Estimate(HASH_TABLE,
				(object, walk) -> hashMap((Map<?, ?>) object, LINKED_HASH_NODE, walk)));
		model(HashSet.class, new Estimate(HASH_TABLE, (object, walk) -> hashSet((Set<?>) object, HashMap.class,
				HASH_NODE, walk)));
		model(LinkedHashSet.class, new Estimate(HASH_TABLE, (object, walk) -> hashSet((Set<?>) object,
				LinkedHashMap.class, LINKED_HASH_NODE, walk)));
		model(TreeMap.class, JdkModels::treeMap);
		model(ConcurrentHashMap.class, new Estimate(HASH_TABLE, JdkModels::concurrentHashMap));
	}

	private JdkModels() {
	}

	/**
	 * Return the model of a class whose fields cannot be read, or {@code null} if there is none,
	 * when only the class's shallow size can be counted.
	 */
	static Model of(Class<?> type) {
		Model model = byClass.get(type);
		if (model != null) {
			return model;
		}
		if (Reference.class.isAssignableFrom(type)) {
			// The referent is not counted, as weakly held; the queue is shared.
			return (object, walk) -> 0;
		}
		if (ByteBuffer.class.isAssignableFrom(type)) {
			return (object, walk) -> ((ByteBuffer) object).hasArray()
					? MemoryLayout.arraySize(((ByteBuffer) object).array().length, 1) : 0;
		}
		if (Map.class.isAssignableFrom(type) && !IdentityHashMap.class.isAssignableFrom(type)) {
			return new Estimate("each entry is taken as " + UNKNOWN_ELEMENT_BYTES + " bytes besides its key and value",
					(object, walk) -> entries((Map<?, ?>) object, walk)
							+ ((Map<?, ?>) object).size() * UNKNOWN_ELEMENT_BYTES);
		}
		if (Collection.class.isAssignableFrom(type)) {
			return new Estimate("each element is taken as " + UNKNOWN_ELEMENT_BYTES + " bytes besides itself",
					(object, walk) -> elements((Collection<?>) object, walk)
							+ ((Collection<?>) object).size() * UNKNOWN_ELEMENT_BYTES);
		}
		return null;
	}

	private static void model(Class<?> type, Model model) {
		byClass.put(type, model);
	}

	private static long push(GraphWalk walk, Object... children) {
		for (Object child : children) {
			walk.accept(child);
		}
		return 0;
	}

	private static long elements(Object collection, GraphWalk walk) {
		((Collection<?>) collection).forEach(walk);
		return 0;
	}

	private static long entries(Map<?, ?> map, GraphWalk walk) {
		map.forEach(walk);
		return 0;
	}

	private static long referenceArray(long length) {
		return MemoryLayout.arraySize(length, MemoryLayout.REFERENCE_SIZE);
	}

	/** The capacity of an {@code ArrayList} grown from empty: 10, then half as much again each time. */
	static long arrayListCapacity(int size) {
		if (size == 0) {
			return 0;
		}
		long capacity = 10;
		while (capacity < size) {
			capacity += capacity >> 1;
		}
		return capacity;
	}

	private static long arrayDequeCapacity(int size) {
		long capacity = 17;
		while (capacity < size + 1L) {
			capacity += (capacity < 64) ? capacity + 2 : capacity >> 1;
		}
		return capacity;
	}

	/**
	 * The slots of a hash table holding {@code size} entries: at least 16, and more than a third
	 * again as many as the entries, which covers a table grown by {@code put} (that resizes past
	 * three quarters full) and one sized to copy a map.
	 */
	static long hashTableSlots(int size) {
		if (size == 0) {
			return 0;
		}
		long slots = 16;
		while (size >= slots - (slots >>> 2)) {
			slots <<= 1;
		}
		return slots;
	}

	private static long hashMap(Map<?, ?> map, long nodeSize, GraphWalk walk) {
		map.forEach(walk);
		return referenceArray(hashTableSlots(map.size())) + map.size() * nodeSize + views(map);
	}

	/** Make the key, value and entry views a map keeps, and return their size. */
	private static long views(Map<?, ?> map) {
		return MemoryLayout.instanceSize(map.keySet().getClass()) + MemoryLayout.instanceSize(map.values().getClass())
				+ MemoryLayout.instanceSize(map.entrySet().getClass());
	}

	private static long hashSet(Set<?> set, Class<?> mapClass, long nodeSize, GraphWalk walk) {
		set.forEach(walk);
		// The map inside, its key view (the set's iterator) and the value every key maps to.
		return MemoryLayout.instanceSize(mapClass) + referenceArray(hashTableSlots(set.size())) + set.size() * nodeSize
				+ MemoryLayout.instanceSize(keySetClass(mapClass)) + OBJECT;
	}

	private static Class<?> keySetClass(Class<?> mapClass) {
		return (mapClass == LinkedHashMap.class) ? new LinkedHashMap<>().keySet().getClass()
				: new HashMap<>().keySet().getClass();
	}

	private static long treeMap(Object object, GraphWalk walk) {
		TreeMap<?, ?> map = (TreeMap<?, ?>) object;
		map.forEach(walk);
		walk.accept(map.comparator());
		return map.size() * TREE_NODE + views(map);
	}

	private static long concurrentHashMap(Object object, GraphWalk walk) {
		ConcurrentHashMap<?, ?> map = (ConcurrentHashMap<?, ?>) object;
		map.forEach(walk);
		int size = map.size();
		// Copying a map presizes the table for half as many entries again.
		long slots = (size == 0) ? 0 : Math.max(hashTableSlots(size), Long.highestOneBit(size + (size >>> 1)) << 1);
		return referenceArray(slots) + size * CONCURRENT_NODE + views(map);
	}

	private static long atomicArray(Object object, GraphWalk walk) {
		AtomicReferenceArray<?> array = (AtomicReferenceArray<?>) object;
		for (int i = 0; i < array.length(); i++) {
			walk.accept(array.get(i));
		}
		return referenceArray(array.length());
	}

	/** The magnitude of a {@code BigInteger}: an {@code int[]} without leading zeros. */
	private static long bigIntegerBytes(BigInteger value) {
		int bits = value.bitLength();
		if (value.signum() < 0 && value.getLowestSetBit() == bits) {
			// A negative power of two takes one bit more in magnitude than in two's complement.
			bits++;
		}
		return MemoryLayout.arraySize((bits + 31) / 32, Integer.BYTES);
	}

	private static long bigDecimal(Object object, GraphWalk walk) {
		BigDecimal value = (BigDecimal) object;
		// The unscaled value is kept when it does not fit in a long or was given as a BigInteger;
		// otherwise each call makes a new one.
		BigInteger unscaled = value.unscaledValue();
		long bytes = (unscaled == value.unscaledValue()) ? MemoryLayout.instanceSize(BigInteger.class)
				+ bigIntegerBytes(unscaled) : 0;
		walk.accept(value.toString());
		return bytes;
	}

	private static long nodeSize(String className) {
		return MemoryLayout.instanceSize(classNamed(className));
	}

	private static Class<?> classNamed(String name) {
		try {
			return Class.forName(name, false, null);
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException("The JDK has no " + name + " to measure", ex);
		}
	}

	/**
	 * How an instance of a class whose fields cannot be read is measured.
	 */
	@FunctionalInterface
	interface Model {

		/**
		 * Push what the object references onto the walk, and return the bytes it holds besides
		 * its shallow size and what was pushed.
		 */
		long measure(Object object, GraphWalk walk);

		/**
		 * Return what this model assumes where the public API does not tell, or {@code null} if
		 * it is exact.
		 */
		default String estimate() {
			return null;
		}

	}

	/** A model that assumes what the public API does not tell. */
	private record Estimate(String estimate, Model model) implements Model {

		@Override
		public long measure(Object object, GraphWalk walk) {
			return this.model.measure(object, walk);
		}

	}

}
