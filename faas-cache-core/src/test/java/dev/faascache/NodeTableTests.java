/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cache's hash table: written by one thread at a time, read by others without a lock while
 * it is written and resized.
 */
class NodeTableTests {

	@Test
	void keysSharingAHashCode_areFoundAndRemovedFromAnyPlaceInTheirChain() {
		NodeTable<Collider, String> table = new NodeTable<>();
		List<Node<Collider, String>> nodes = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			Node<Collider, String> node = node(new Collider(i), "v" + i);
			table.add(node, i + 1);
			nodes.add(node);
		}
		for (Node<Collider, String> node : nodes) {
			assertThat(table.get(new Collider(node.key.id))).isSameAs(node);
		}
		// the chain's last, first and middle nodes
		assertThat(table.remove(nodes.get(0))).isTrue();
		assertThat(table.remove(nodes.get(4))).isTrue();
		assertThat(table.remove(nodes.get(2))).isTrue();
		assertThat(table.remove(nodes.get(2))).as("removed already").isFalse();
		assertThat(table.get(new Collider(0))).isNull();
		assertThat(table.get(new Collider(2))).isNull();
		assertThat(table.get(new Collider(4))).isNull();
		assertThat(table.get(new Collider(1))).isSameAs(nodes.get(1));
		assertThat(table.get(new Collider(3))).isSameAs(nodes.get(3));
		assertThat(nodes(table)).containsExactlyInAnyOrder(nodes.get(1), nodes.get(3));
	}

	@Test
	void replace_putsTheNewNodeInTheOldOnesPlace() {
		NodeTable<Collider, String> table = new NodeTable<>();
		Node<Collider, String> first = node(new Collider(1), "a");
		Node<Collider, String> old = node(new Collider(2), "b");
		Node<Collider, String> last = node(new Collider(3), "c");
		table.add(first, 1);
		table.add(old, 2);
		table.add(last, 3);
		Node<Collider, String> replacement = node(old.key, "B");
		table.replace(old, replacement);
		assertThat(table.get(new Collider(2))).isSameAs(replacement);
		assertThat(nodes(table)).containsExactlyInAnyOrder(first, replacement, last);
		assertThat(table.remove(old)).as("no longer held").isFalse();
	}

	@Test
	void growsAsTheCacheAccountsIt_andFindsEveryNodeAfterEachResize() {
		NodeTable<Integer, Integer> table = new NodeTable<>();
		assertThat(table.binCount()).isZero();
		List<Node<Integer, Integer>> nodes = new ArrayList<>();
		for (int i = 0; i < 10_000; i++) {
			Node<Integer, Integer> node = node(i, i);
			table.add(node, i + 1);
			nodes.add(node);
			assertThat(table.binCount()).isEqualTo(CollectionModels.hashTableSlots(i + 1, 2));
		}
		for (Node<Integer, Integer> node : nodes) {
			assertThat(table.get(node.key)).isSameAs(node);
		}
		assertThat(nodes(table)).hasSize(10_000).containsExactlyInAnyOrderElementsOf(nodes);
	}

	@Test
	void removedNodes_areNotKeptFromTheCollectorByLinksOfReplacedBins() {
		NodeTable<Integer, byte[]> table = new NodeTable<>();
		List<WeakReference<Node<Integer, byte[]>>> removed = new ArrayList<>();
		for (int i = 0; i < 48; i++) {
			table.add(node(i, new byte[16]), i + 1);
		}
		// resize while the nodes to be removed are linked, then remove them
		for (int i = 48; i < 200; i++) {
			table.add(node(i, new byte[16]), i + 1);
		}
		for (int i = 0; i < 48; i++) {
			Node<Integer, byte[]> node = table.get(i);
			assertThat(table.remove(node)).isTrue();
			removed.add(new WeakReference<>(node));
		}
		for (int attempt = 0; attempt < 50 && removed.stream().anyMatch((ref) -> ref.get() != null); attempt++) {
			System.gc();
			Thread.onSpinWait();
		}
		assertThat(removed).as("removed nodes collected").allMatch((ref) -> ref.get() == null);
		assertThat(table.get(199)).isNotNull();
	}

	@Test
	void iterator_goingOnAcrossResizes_returnsEveryNodeHeldThroughoutOnce() {
		NodeTable<Integer, Integer> table = new NodeTable<>();
		Set<Node<Integer, Integer>> held = newIdentitySet();
		for (int i = 0; i < 100; i++) {
			Node<Integer, Integer> node = node(i, i);
			table.add(node, i + 1);
			held.add(node);
		}
		Iterator<Node<Integer, Integer>> iterator = table.iterator();
		List<Node<Integer, Integer>> seen = new ArrayList<>();
		int next = 100;
		while (iterator.hasNext()) {
			seen.add(iterator.next());
			// grow the table through several doublings, from 256 to 8,192 bins, while it is iterated
			for (int i = 0; i < 50 && next < 5_100; i++, next++) {
				table.add(node(next, next), next + 1);
			}
		}
		assertThat(table.binCount()).isEqualTo(8_192);
		Set<Node<Integer, Integer>> distinct = newIdentitySet();
		distinct.addAll(seen);
		assertThat(distinct).as("no node twice").hasSameSizeAs(seen);
		assertThat(distinct).containsAll(held);
	}

	@Test
	void readsWhileOneThreadWritesAndResizes_alwaysFindTheNodesHeldThroughout() throws Exception {
		NodeTable<Integer, Integer> table = new NodeTable<>();
		List<Node<Integer, Integer>> stable = new ArrayList<>();
		for (int i = 0; i < 64; i++) {
			Node<Integer, Integer> node = node(-1 - i, i);
			table.add(node, i + 1);
			stable.add(node);
		}
		AtomicBoolean writing = new AtomicBoolean(true);
		ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
		CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> {
			int reads = 0;
			while (writing.get() || reads < 100_000) {
				Node<Integer, Integer> expected = stable.get(reads++ & 63);
				Node<Integer, Integer> found = table.get(expected.key);
				if (found != expected) {
					failures.add("key " + expected.key + " found as " + found);
				}
			}
			return reads;
		});
		CompletableFuture<Integer> iterations = CompletableFuture.supplyAsync(() -> {
			int rounds = 0;
			while (writing.get() || rounds < 10) {
				Set<Node<Integer, Integer>> seen = newIdentitySet();
				int count = 0;
				for (Iterator<Node<Integer, Integer>> it = table.iterator(); it.hasNext(); count++) {
					seen.add(it.next());
				}
				if (seen.size() != count || !seen.containsAll(stable)) {
					failures.add("iteration " + rounds + " returned " + count + " nodes, " + seen.size() + " distinct");
				}
				rounds++;
			}
			return rounds;
		});
		// one writer, as the cache's lock makes it: adds that resize the table up to 2^19 bins,
		// with removals and replacements in between
		List<Node<Integer, Integer>> churn = new ArrayList<>();
		int count = stable.size();
		for (int i = 0; i < 300_000; i++) {
			Node<Integer, Integer> node = node(i, i);
			table.add(node, ++count);
			churn.add(node);
			if (i % 3 == 0) {
				assertThat(table.remove(churn.get(i / 2))).isTrue();
				count--;
			}
			else if (i % 3 == 1) {
				Node<Integer, Integer> old = churn.get(i);
				Node<Integer, Integer> replacement = node(old.key, -i);
				table.replace(old, replacement);
				churn.set(i, replacement);
			}
		}
		writing.set(false);
		assertThat(reader.get(60, TimeUnit.SECONDS)).isPositive();
		assertThat(iterations.get(60, TimeUnit.SECONDS)).isPositive();
		assertThat(failures).isEmpty();
		assertThat(table.binCount()).isEqualTo(1 << 19);
	}

	private static <K, V> Node<K, V> node(K key, V value) {
		return new Node<>(key, value, 1, Node.NEVER);
	}

	private static <K, V> List<Node<K, V>> nodes(NodeTable<K, V> table) {
		List<Node<K, V>> nodes = new ArrayList<>();
		table.iterator().forEachRemaining(nodes::add);
		return nodes;
	}

	private static <T> Set<T> newIdentitySet() {
		return Collections.newSetFromMap(new IdentityHashMap<>());
	}

	/** A key all of whose instances share one hash code. */
	private record Collider(int id) {

		@Override
		public int hashCode() {
			return 42;
		}

	}

}
