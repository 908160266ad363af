/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

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
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.faascache.JdkModels.Estimate;
import dev.faascache.JdkModels.Model;

/**
 * The {@link JdkModels} of the JDK's collections and maps: their elements are pushed through
 * {@code forEach}, and their arrays and nodes, which no accessor returns, are sized from their
 * size by the growth rules of each class.
 */
final class CollectionModels {

	/** The bytes an element adds to a collection this class has no model of: a node, a slot. */
	private static final long UNKNOWN_ELEMENT_BYTES = 48;

	private static final long HASH_NODE = nodeSize("java.util.HashMap$Node");

	private static final long LINKED_HASH_NODE = nodeSize("java.util.LinkedHashMap$Entry");

	private static final long TREE_NODE = nodeSize("java.util.TreeMap$Entry");

	private static final long CONCURRENT_NODE = nodeSize("java.util.concurrent.ConcurrentHashMap$Node");

	private static final long LINKED_LIST_NODE = nodeSize("java.util.LinkedList$Node");

	private static final long OBJECT = MemoryLayout.instanceSize(Object.class);

	private static final String HASH_TABLE = "its table is taken as grown one entry at a time, or copied from a"
			+ " map, whichever is larger";

	private CollectionModels() {
	}

	/**
	 * Add the models of the JDK's collection and map classes to the given registry.
	 */
	static void addTo(Map<Class<?>, Model> models) {
		models.put(Arrays.asList(1).getClass(), (object, walk) -> elements((Collection<?>) object, walk)
				+ referenceArray(((Collection<?>) object).size()));
		models.put(List.of(1).getClass(), CollectionModels::elements);
		models.put(List.of(1, 2, 3).getClass(), (object, walk) -> elements((Collection<?>) object, walk)
				+ referenceArray(((Collection<?>) object).size()));
		models.put(Set.of(1).getClass(), CollectionModels::elements);
		models.put(Set.of(1, 2, 3).getClass(), (object, walk) -> elements((Collection<?>) object, walk)
				+ referenceArray(2L * ((Collection<?>) object).size()));
		models.put(Map.of(1, 1).getClass(), (object, walk) -> entries((Map<?, ?>) object, walk));
		models.put(Map.of(1, 1, 2, 2).getClass(), (object, walk) -> entries((Map<?, ?>) object, walk)
				+ referenceArray(4L * ((Map<?, ?>) object).size()));
		models.put(ArrayList.class, new Estimate("its capacity is taken as grown one element at a time",
				(object, walk) -> elements((Collection<?>) object, walk)
						+ referenceArray(arrayListCapacity(((Collection<?>) object).size()))));
		models.put(CopyOnWriteArrayList.class, (object, walk) -> elements((Collection<?>) object, walk)
				+ referenceArray(((Collection<?>) object).size()) + OBJECT);
		models.put(LinkedList.class, (object, walk) -> elements((Collection<?>) object, walk)
				+ ((Collection<?>) object).size() * LINKED_LIST_NODE);
		models.put(ArrayDeque.class, new Estimate("its capacity is taken as grown one element at a time",
				(object, walk) -> elements((Collection<?>) object, walk)
						+ referenceArray(arrayDequeCapacity(((Collection<?>) object).size()))));
		models.put(HashMap.class, new Estimate(HASH_TABLE, (object, walk) -> hashMap((Map<?, ?>) object, HASH_NODE, walk)));
		models.put(LinkedHashMap.class, new Estimate(HASH_TABLE,
				(object, walk) -> hashMap((Map<?, ?>) object, LINKED_HASH_NODE, walk)));
		models.put(HashSet.class, new Estimate(HASH_TABLE, (object, walk) -> hashSet((Set<?>) object, HashMap.class,
				HASH_NODE, walk)));
		models.put(LinkedHashSet.class, new Estimate(HASH_TABLE, (object, walk) -> hashSet((Set<?>) object,
				LinkedHashMap.class, LINKED_HASH_NODE, walk)));
		models.put(TreeMap.class, CollectionModels::treeMap);
		models.put(ConcurrentHashMap.class, new Estimate(HASH_TABLE, CollectionModels::concurrentHashMap));
	}

	/**
	 * Return an estimating model for a collection or map class without one of its own, or
	 * {@code null} if the class is neither.
	 */
	static Model generic(Class<?> type) {
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

	private static long elements(Object collection, GraphWalk walk) {
		((Collection<?>) collection).forEach(walk);
		return 0;
	}

	private static long entries(Map<?, ?> map, GraphWalk walk) {
		map.forEach(walk);
		return 0;
	}

	static long referenceArray(long length) {
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
	static long hashTableSlots(long size) {
		return hashTableSlots(size, 16);
	}

	/**
	 * The slots of a hash table that starts at {@code firstSlots} when its first entry comes and
	 * doubles when three quarters full, as {@link HashMap} and {@link ConcurrentHashMap} do once
	 * it holds {@code size} entries; none while it is empty.
	 */
	static long hashTableSlots(long size, long firstSlots) {
		if (size == 0) {
			return 0;
		}
		// The least power of two of which three quarters exceed the size, that is, above size * 4 / 3:
		// worked out rather than found by doubling, since every write of a full cache asks for it
		return Math.max(firstSlots, Long.highestOneBit(size + size / 3) << 1);
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

	private static long nodeSize(String className) {
		return MemoryLayout.instanceSize(JdkModels.classNamed(className));
	}

}
