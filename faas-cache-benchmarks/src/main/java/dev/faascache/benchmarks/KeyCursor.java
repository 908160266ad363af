/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.benchmarks;

import java.util.concurrent.ThreadLocalRandom;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A thread's position in a precomputed sequence of keys, starting at a random place so that
 * threads do not walk the same keys in step.
 */
@State(Scope.Thread)
public class KeyCursor {

	int index;

	@Setup
	public void setup() {
		this.index = ThreadLocalRandom.current().nextInt(Keys.SEQUENCE_LENGTH);
	}

	/**
	 * Return the next key of the sequence, whose length is a power of two.
	 */
	Integer next(Integer[] sequence) {
		return sequence[this.index++ & (sequence.length - 1)];
	}

}
