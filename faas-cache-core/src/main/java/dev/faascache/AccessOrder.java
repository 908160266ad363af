/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

/**
 * The doubly-linked list of nodes in access order, least recently used at the head. Not thread
 * safe: every method is called under the cache's eviction lock.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class AccessOrder<K, V> {

	private final SharedBudget budget;

	private Node<K, V> head;

	private Node<K, V> tail;

	/**
	 * Create an empty list.
	 * @param budget the shared budget whose sequence stamps each use, or {@code null}
	 */
	AccessOrder(SharedBudget budget) {
		this.budget = budget;
	}

	Node<K, V> peekFirst() {
		return this.head;
	}

	void linkLast(Node<K, V> node) {
		stamp(node);
		node.prev = this.tail;
		node.next = null;
		if (this.tail == null) {
			this.head = node;
		}
		else {
			this.tail.next = node;
		}
		this.tail = node;
	}

	void unlink(Node<K, V> node) {
		Node<K, V> prev = node.prev;
		Node<K, V> next = node.next;
		if (prev == null) {
			this.head = next;
		}
		else {
			prev.next = next;
		}
		if (next == null) {
			this.tail = prev;
		}
		else {
			next.prev = prev;
		}
		node.prev = null;
		node.next = null;
	}

	void moveToLast(Node<K, V> node) {
		if (node != this.tail) {
			unlink(node);
			linkLast(node);
		}
		else {
			stamp(node);
		}
	}

	private void stamp(Node<K, V> node) {
		if (this.budget != null) {
			node.accessStamp = this.budget.nextStamp();
		}
	}

}
