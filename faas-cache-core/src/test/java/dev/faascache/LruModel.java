/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentMap;

/**
 * The sequential specification of an item-bounded LRU map, as {@link FaasCache} promises it under
 * concurrency. Immutable: each operation returns every state it may lead to, with its result.
 * <p>
 * Writes order entries exactly: a new or replaced entry becomes the most recently used, and when
 * there are more than {@code maxItems} entries the least recently used go. Reads are recorded in
 * a lossy buffer and replayed later, in a batch, so a read's effect on the order is
 * nondeterministic: before any write, any of the reads not yet applied may be applied, in any
 * order, or kept for later, or never applied. A read of an entry that has since been replaced or
 * removed moves nothing. In single-threaded use the cache is exact (see {@code FaasCacheTest});
 * this model is what holds when threads race.
 */
final class LruModel {

	/** The map operations checked, each with its real call and its effect on the model. */
	enum Kind {

		GET, PUT, PUT_IF_ABSENT, REMOVE, REPLACE, COMPUTE_IF_ABSENT, COMPUTE;

		Integer run(ConcurrentMap<Integer, Integer> map, int key, int value) {
			return switch (this) {
				case GET -> map.get(key);
				case PUT -> map.put(key, value);
				case PUT_IF_ABSENT -> map.putIfAbsent(key, value);
				case REMOVE -> map.remove(key);
				case REPLACE -> map.replace(key, value);
				case COMPUTE_IF_ABSENT -> map.computeIfAbsent(key, (k) -> value);
				case COMPUTE -> map.compute(key, (k, old) -> compute(old, value));
			};
		}

		/** Remove an even value, grow an odd one, insert when absent. */
		static Integer compute(Integer old, int value) {
			if (old == null) {
				return value;
			}
			return (old % 2 == 0) ? null : old + value;
		}

	}

	record Op(Kind kind, int key, int value) {

		@Override
		public String toString() {
			return this.kind + "(" + this.key + ((this.kind == Kind.GET || this.kind == Kind.REMOVE) ? "" : ", " + this.value)
					+ ")";
		}

	}

	/** A result and the state after it. */
	record Outcome(Integer result, LruModel state) {
	}

	private record Entry(int key, int value, int id) {
	}

	private final int maxItems;

	/** Least recently used first. */
	private final List<Entry> order;

	/** Ids of entries read but whose read has not moved them yet. */
	private final Set<Integer> pendingReads;

	private final int nextId;

	LruModel(int maxItems) {
		this(maxItems, List.of(), Set.of(), 0);
	}

	private LruModel(int maxItems, List<Entry> order, Set<Integer> pendingReads, int nextId) {
		this.maxItems = maxItems;
		this.order = order;
		this.pendingReads = pendingReads;
		this.nextId = nextId;
	}

	/**
	 * Return every result and state the operation may lead to from this state.
	 */
	List<Outcome> apply(Op op) {
		Entry present = find(op.key());
		Integer old = (present != null) ? present.value() : null;
		boolean read = op.kind() == Kind.GET || (op.kind() == Kind.COMPUTE_IF_ABSENT && present != null);
		if (read) {
			Set<Integer> pending = new TreeSet<>(this.pendingReads);
			if (present != null) {
				pending.add(present.id());
			}
			return List.of(new Outcome(old, new LruModel(this.maxItems, this.order, pending, this.nextId)));
		}
		List<Outcome> outcomes = new ArrayList<>();
		for (LruModel replayed : replayings()) {
			outcomes.add(replayed.write(op, old));
		}
		return outcomes;
	}

	private Outcome write(Op op, Integer old) {
		return switch (op.kind()) {
			case PUT -> new Outcome(old, install(op.key(), op.value()));
			case PUT_IF_ABSENT, COMPUTE_IF_ABSENT -> (old != null)
					? new Outcome(old, moveToLast(op.key()))
					: new Outcome((op.kind() == Kind.PUT_IF_ABSENT) ? null : Integer.valueOf(op.value()),
							install(op.key(), op.value()));
			case REMOVE -> new Outcome(old, without(op.key()));
			case REPLACE -> new Outcome(old, (old != null) ? install(op.key(), op.value()) : this);
			case COMPUTE -> {
				Integer value = Kind.compute(old, op.value());
				yield new Outcome(value, (value != null) ? install(op.key(), value) : without(op.key()));
			}
			case GET -> throw new IllegalArgumentException(op + " is a read");
		};
	}

	/**
	 * Return the states reached by applying any sequence of distinct pending reads.
	 */
	private Set<LruModel> replayings() {
		Set<LruModel> states = new HashSet<>();
		collectReplayings(this, states);
		return states;
	}

	private static void collectReplayings(LruModel state, Set<LruModel> into) {
		if (!into.add(state)) {
			return;
		}
		for (Integer id : state.pendingReads) {
			Set<Integer> rest = new TreeSet<>(state.pendingReads);
			rest.remove(id);
			List<Entry> order = new ArrayList<>(state.order);
			order.stream().filter((e) -> e.id() == id).findFirst().ifPresent((e) -> {
				order.remove(e);
				order.add(e);
			});
			collectReplayings(new LruModel(state.maxItems, List.copyOf(order), rest, state.nextId), into);
		}
	}

	private LruModel install(int key, int value) {
		List<Entry> order = new ArrayList<>(this.order);
		order.removeIf((e) -> e.key() == key);
		order.add(new Entry(key, value, this.nextId));
		while (order.size() > this.maxItems) {
			order.remove(0);
		}
		return new LruModel(this.maxItems, List.copyOf(order), this.pendingReads, this.nextId + 1);
	}

	private LruModel moveToLast(int key) {
		List<Entry> order = new ArrayList<>(this.order);
		Entry entry = find(key);
		order.remove(entry);
		order.add(entry);
		return new LruModel(this.maxItems, List.copyOf(order), this.pendingReads, this.nextId);
	}

	private LruModel without(int key) {
		List<Entry> order = new ArrayList<>(this.order);
		order.removeIf((e) -> e.key() == key);
		return new LruModel(this.maxItems, List.copyOf(order), this.pendingReads, this.nextId);
	}

	private Entry find(int key) {
		return this.order.stream().filter((e) -> e.key() == key).findFirst().orElse(null);
	}

	/** Reads of entries no longer held can never move anything, so they are left out. */
	private Set<Integer> livePendingReads() {
		Set<Integer> live = new TreeSet<>();
		for (Entry entry : this.order) {
			if (this.pendingReads.contains(entry.id())) {
				live.add(entry.id());
			}
		}
		return live;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof LruModel model && this.order.equals(model.order)
				&& livePendingReads().equals(model.livePendingReads());
	}

	@Override
	public int hashCode() {
		return this.order.hashCode() * 31 + livePendingReads().hashCode();
	}

	@Override
	public String toString() {
		return this.order + " pending=" + livePendingReads();
	}

}
