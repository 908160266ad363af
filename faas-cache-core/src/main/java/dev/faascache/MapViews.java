/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.util.AbstractCollection;
import java.util.AbstractMap.SimpleEntry;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map.Entry;
import java.util.Objects;

/**
 * The {@code keySet}, {@code values} and {@code entrySet} views of a {@link FaasCache}: they show
 * live entries only, and every removal goes through the cache, so it is accounted and reported.
 */
final class MapViews {

	private MapViews() {
	}

	static final class KeySetView<K, V> extends AbstractSet<K> {

		private final FaasCache<K, V> cache;

		KeySetView(FaasCache<K, V> cache) {
			this.cache = cache;
		}

		@Override
		public Iterator<K> iterator() {
			Iterator<Node<K, V>> nodes = this.cache.liveNodes();
			return new MappedIterator<>(nodes) {
				@Override
				K map(Node<K, V> node) {
					return node.key;
				}
			};
		}

		@Override
		public int size() {
			return this.cache.size();
		}

		@Override
		public boolean contains(Object key) {
			return this.cache.containsKey(key);
		}

		@Override
		public boolean remove(Object key) {
			return this.cache.remove(key) != null;
		}

		@Override
		public void clear() {
			this.cache.clear();
		}

	}

	static final class ValuesView<K, V> extends AbstractCollection<V> {

		private final FaasCache<K, V> cache;

		ValuesView(FaasCache<K, V> cache) {
			this.cache = cache;
		}

		@Override
		public Iterator<V> iterator() {
			return new MappedIterator<>(this.cache.liveNodes()) {
				@Override
				V map(Node<K, V> node) {
					return node.value;
				}
			};
		}

		@Override
		public int size() {
			return this.cache.size();
		}

		@Override
		public boolean contains(Object value) {
			return this.cache.containsValue(value);
		}

		@Override
		public void clear() {
			this.cache.clear();
		}

	}

	static final class EntrySetView<K, V> extends AbstractSet<Entry<K, V>> {

		private final FaasCache<K, V> cache;

		EntrySetView(FaasCache<K, V> cache) {
			this.cache = cache;
		}

		@Override
		public Iterator<Entry<K, V>> iterator() {
			return new MappedIterator<>(this.cache.liveNodes()) {
				@Override
				Entry<K, V> map(Node<K, V> node) {
					return new WriteThroughEntry<>(EntrySetView.this.cache, node.key, node.value);
				}
			};
		}

		@Override
		public int size() {
			return this.cache.size();
		}

		@Override
		public boolean contains(Object object) {
			if (!(object instanceof Entry<?, ?> entry) || entry.getKey() == null || entry.getValue() == null) {
				return false;
			}
			Node<K, V> node = this.cache.peekLiveNode(entry.getKey());
			return node != null && Objects.equals(node.value, entry.getValue());
		}

		@Override
		public boolean remove(Object object) {
			if (!(object instanceof Entry<?, ?> entry) || entry.getKey() == null || entry.getValue() == null) {
				return false;
			}
			return this.cache.remove(entry.getKey(), entry.getValue());
		}

		@Override
		public void clear() {
			this.cache.clear();
		}

	}

	/**
	 * An entry of the entry set whose {@link #setValue(Object)} writes to the cache.
	 */
	static final class WriteThroughEntry<K, V> extends SimpleEntry<K, V> {

		private final transient FaasCache<K, V> cache;

		WriteThroughEntry(FaasCache<K, V> cache, K key, V value) {
			super(key, value);
			this.cache = cache;
		}

		@Override
		public V setValue(V value) {
			Objects.requireNonNull(value, "value must not be null");
			this.cache.put(getKey(), value);
			return super.setValue(value);
		}

	}

	private abstract static class MappedIterator<K, V, T> implements Iterator<T> {

		private final Iterator<Node<K, V>> nodes;

		MappedIterator(Iterator<Node<K, V>> nodes) {
			this.nodes = nodes;
		}

		abstract T map(Node<K, V> node);

		@Override
		public boolean hasNext() {
			return this.nodes.hasNext();
		}

		@Override
		public T next() {
			return map(this.nodes.next());
		}

		@Override
		public void remove() {
			this.nodes.remove();
		}

	}

}
