/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The hash table of a cache's nodes, written by one thread at a time, under the cache's eviction
 * lock, and read by any number of threads without a lock.
 * <p>
 * A {@link java.util.concurrent.ConcurrentHashMap} lets any thread write, and pays for it on
 * every write with atomic instructions: a compare-and-set or a monitor for the bin, another for
 * its size. The cache writes only under its own lock, so this table needs none: a write is a few
 * plain stores and one store with release semantics, which a lock-free read acquires, as a
 * synchronized {@code LinkedHashMap} writes plus that one ordering. The nodes themselves are the
 * links of the bins' chains, so an entry costs no node of the map's besides the cache's own.
 * <p>
 * Reads follow the chains while they change. A removal or a replacement relinks only the node
 * before it, so that a read standing on the removed node still finds the rest of the chain. A
 * resize, which relinks every node, writes the links of the other of two sets (each node has two,
 * one for tables of an even and one for tables of an odd power of two in length) and publishes
 * the new bins only when every node is linked, so that reads of the old bins go on undisturbed
 * meanwhile. It then clears the old set, which would otherwise keep removed nodes from the
 * collector; a read that finds the bins replaced when it is done, whatever it found, looks again
 * in the new ones. Tables only grow, as the cache accounts them ({@link Layout#tableBytes(long)}):
 * from 2 bins at the first node, doubling when three quarters full, as
 * {@code ConcurrentHashMap} does.
 * <p>
 * Keys with equal hash codes share a chain and a look-up compares with each of them, as in a
 * {@link java.util.HashMap} before Java 8; {@code ConcurrentHashMap} turns long chains of
 * {@link Comparable} keys into trees, this table does not. A node is removed by identity, through
 * the hash code it was made with, so an entry whose key changed its hash code after it was written
 * is still removed.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class NodeTable<K, V> {

	private static final VarHandle BINS = MethodHandles.arrayElementVarHandle(Node[].class);

	private static final VarHandle EVEN = link("evenNext");

	private static final VarHandle ODD = link("oddNext");

	private static final Node<?, ?>[] NO_BINS = {};

	/** The bins, a power of two in length, or none before the first node. */
	@SuppressWarnings("unchecked")
	private volatile Node<K, V>[] bins = (Node<K, V>[]) NO_BINS;

	private static VarHandle link(String name) {
		try {
			return MethodHandles.lookup().findVarHandle(Node.class, name, Node.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	/**
	 * Return the node held for the key, or {@code null}; safe without the lock.
	 * @throws RuntimeException what the key's {@code hashCode} or {@code equals} throws
	 */
	Node<K, V> get(Object key) {
		int hash = key.hashCode();
		while (true) {
			Node<K, V>[] bins = this.bins;
			int length = bins.length;
			if (length == 0) {
				return null;
			}
			boolean odd = isOdd(length);
			Node<K, V> node = node(BINS.getAcquire(bins, spread(hash) & (length - 1)));
			while (node != null && !(node.hash == hash && (node.key == key || key.equals(node.key)))) {
				node = nextAcquire(node, odd);
			}
			// A resize clears the links of the bins it replaces once it has published the new ones
			if (this.bins == bins) {
				return node;
			}
		}
	}

	/**
	 * Link a node whose key the table does not hold; called under the lock.
	 * @param count the nodes held once it is linked, which the cache counts: a count kept here,
	 * written by every write beside the bins every read follows, would take their cache line from
	 * the readers' cores
	 */
	void add(Node<K, V> node, long count) {
		long needed = CollectionModels.hashTableSlots(count, 2);
		if (needed > this.bins.length) {
			resize((int) needed);
		}
		Node<K, V>[] bins = this.bins;
		int index = spread(node.hash) & (bins.length - 1);
		setNext(node, isOdd(bins.length), bins[index]);
		BINS.setRelease(bins, index, node);
	}

	/** Put a node in the place of the node it replaces, held for the same key; called under the lock. */
	void replace(Node<K, V> old, Node<K, V> node) {
		Node<K, V>[] bins = this.bins;
		boolean odd = isOdd(bins.length);
		setNext(node, odd, next(old, odd));
		relink(bins, old, node, odd);
	}

	/**
	 * Unlink a node, found by identity through the hash code it was made with; called under the
	 * lock.
	 * @return whether the table held it
	 */
	boolean remove(Node<K, V> node) {
		Node<K, V>[] bins = this.bins;
		if (bins.length == 0) {
			return false;
		}
		boolean odd = isOdd(bins.length);
		return relink(bins, node, next(node, odd), odd);
	}

	/** Make whatever links to {@code node} link to {@code successor} instead. */
	private static <K, V> boolean relink(Node<K, V>[] bins, Node<K, V> node, Node<K, V> successor, boolean odd) {
		int index = spread(node.hash) & (bins.length - 1);
		Node<K, V> previous = bins[index];
		if (previous == node) {
			BINS.setRelease(bins, index, successor);
			return true;
		}
		while (previous != null) {
			Node<K, V> next = next(previous, odd);
			if (next == node) {
				setNextRelease(previous, odd, successor);
				return true;
			}
			previous = next;
		}
		return false;
	}

	/**
	 * Link every node into new bins through the links of the other set, publish them, and then
	 * clear the set the old bins' reads followed.
	 */
	private void resize(int length) {
		Node<K, V>[] old = this.bins;
		@SuppressWarnings("unchecked")
		Node<K, V>[] bins = (Node<K, V>[]) new Node<?, ?>[length];
		boolean odd = isOdd(length);
		for (Node<K, V> first : old) {
			for (Node<K, V> node = first; node != null; node = next(node, !odd)) {
				int index = spread(node.hash) & (length - 1);
				setNext(node, odd, bins[index]);
				bins[index] = node;
			}
		}
		this.bins = bins;
		if (old.length > 0) {
			for (Node<K, V> first : bins) {
				for (Node<K, V> node = first; node != null; node = next(node, odd)) {
					// With release semantics, after the new bins: a read that finds a link cleared
					// then finds the bins replaced too, and looks again
					setNextRelease(node, !odd, null);
				}
			}
		}
	}

	/**
	 * Return an iterator over the nodes held, weakly consistent, as a
	 * {@code ConcurrentHashMap}'s: every node held while it runs is returned once, and a node
	 * added or removed meanwhile may or may not be. It visits the bins in the order of their
	 * indexes' bits reversed, so that the bins it has visited remain the first ones in that order
	 * when the table doubles, and it goes on in the larger table without missing or repeating a
	 * node. Safe without the lock.
	 */
	Iterator<Node<K, V>> iterator() {
		return new Nodes();
	}

	/** Return the number of bins, which the cache accounts as {@link Layout#tableBytes(long)}. */
	int binCount() {
		return this.bins.length;
	}

	/** Return whether tables of the given length use the links of the odd set. */
	private static boolean isOdd(int length) {
		return (Integer.numberOfTrailingZeros(length) & 1) != 0;
	}

	// Each access names its handle as a constant, which the compiler turns into a plain field
	// access with the ordering asked for; a handle chosen at run time would be invoked generically

	private static <K, V> Node<K, V> next(Node<K, V> node, boolean odd) {
		return odd ? node.oddNext : node.evenNext;
	}

	private static <K, V> Node<K, V> nextAcquire(Node<K, V> node, boolean odd) {
		return node(odd ? ODD.getAcquire(node) : EVEN.getAcquire(node));
	}

	private static <K, V> void setNext(Node<K, V> node, boolean odd, Node<K, V> next) {
		if (odd) {
			node.oddNext = next;
		}
		else {
			node.evenNext = next;
		}
	}

	private static <K, V> void setNextRelease(Node<K, V> node, boolean odd, Node<K, V> next) {
		if (odd) {
			ODD.setRelease(node, next);
		}
		else {
			EVEN.setRelease(node, next);
		}
	}

	/** Spread the higher bits of a hash code to the lower ones, which pick the bin. */
	private static int spread(int hash) {
		return hash ^ (hash >>> 16);
	}

	@SuppressWarnings("unchecked")
	private static <K, V> Node<K, V> node(Object node) {
		return (Node<K, V>) node;
	}

	private final class Nodes implements Iterator<Node<K, V>> {

		@SuppressWarnings("unchecked")
		private Node<K, V>[] bins = (Node<K, V>[]) NO_BINS;

		/** Bins visited, in the reversed order of their indexes. */
		private int visited;

		@SuppressWarnings("unchecked")
		private Node<K, V>[] batch = (Node<K, V>[]) new Node<?, ?>[4];

		private int batchSize;

		private int batchIndex;

		@Override
		public boolean hasNext() {
			return this.batchIndex < this.batchSize || readBin();
		}

		@Override
		public Node<K, V> next() {
			if (!hasNext()) {
				throw new NoSuchElementException();
			}
			Node<K, V> node = this.batch[this.batchIndex];
			this.batch[this.batchIndex++] = null;
			return node;
		}

		/** Read the next bin that holds nodes, whole; return whether there was one. */
		private boolean readBin() {
			this.batchSize = 0;
			this.batchIndex = 0;
			while (true) {
				Node<K, V>[] current = NodeTable.this.bins;
				if (current.length > this.bins.length) {
					// The bins visited in the smaller table are the first as many in the larger
					int doublings = Integer.numberOfTrailingZeros(current.length)
							- ((this.bins.length > 0) ? Integer.numberOfTrailingZeros(this.bins.length) : 0);
					this.visited = (this.bins.length > 0) ? this.visited << doublings : 0;
					this.bins = current;
				}
				int length = this.bins.length;
				if (this.visited >= length) {
					return false;
				}
				int bits = Integer.numberOfTrailingZeros(length);
				int index = (bits == 0) ? 0 : Integer.reverse(this.visited) >>> (Integer.SIZE - bits);
				boolean odd = isOdd(length);
				int size = 0;
				for (Node<K, V> node = node(BINS.getAcquire(this.bins, index)); node != null;
						node = nextAcquire(node, odd)) {
					if (size == this.batch.length) {
						this.batch = Arrays.copyOf(this.batch, size * 2);
					}
					this.batch[size++] = node;
				}
				if (NodeTable.this.bins != this.bins) {
					// Its links may have been cleared: read it again in the table published since
					Arrays.fill(this.batch, 0, size, null);
					continue;
				}
				this.visited++;
				if (size > 0) {
					this.batchSize = size;
					return true;
				}
			}
		}

	}

}
