/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache;

import java.util.List;

/**
 * HotSpot's list of blocks for laying out one class ({@code FieldLayout} in
 * {@code fieldLayoutBuilder.cpp}), in offset order: the header, fields, padding, and empty gaps,
 * ending with an empty block of unbounded size.
 */
final class LayoutBlocks {

	Block first;

	Block last;

	/** Fields are never placed in a gap at or before this block. */
	Block start;

	LayoutBlocks(FieldLayout parent) {
		this.first = new Block(Block.RESERVED, 0, MemoryLayout.OBJECT_HEADER);
		Block tail = this.first;
		int gapKind = parent.contended ? Block.PADDING : Block.EMPTY;
		for (long[] field : parent.fields) {
			long end = tail.offset + tail.size;
			if (field[0] > end) {
				tail = tail.append(new Block(gapKind, end, field[0] - end));
			}
			tail = tail.append(new Block(Block.INHERITED, field[0], field[1]));
		}
		if (parent.contended) {
			tail = tail.append(new Block(Block.PADDING, tail.offset + tail.size, FieldLayout.CONTENDED_PADDING));
		}
		this.last = tail.append(new Block(Block.EMPTY, tail.offset + tail.size, Integer.MAX_VALUE));
		this.start = (parent.contended && !parent.fields.isEmpty()) ? this.last : this.first;
	}

	/**
	 * Place each block in the smallest empty gap after {@code start} that fits it, or at the
	 * end, as {@code FieldLayout::add} does.
	 */
	void add(List<Block> list, Block start) {
		boolean lastSearchSucceeded = false;
		long lastSize = 0;
		for (Block block : list) {
			Block candidate = null;
			if (start == this.last) {
				candidate = this.last;
			}
			else if (block.size == lastSize && !lastSearchSucceeded) {
				candidate = this.last;
			}
			else {
				lastSize = block.size;
				lastSearchSucceeded = true;
				for (Block cursor = this.last.previous; cursor != start; cursor = cursor.previous) {
					if (cursor.kind == Block.EMPTY && cursor.fits(block.size)
							&& (candidate == null || cursor.size < candidate.size)) {
						candidate = cursor;
					}
				}
				if (candidate == null) {
					candidate = this.last;
					lastSearchSucceeded = false;
				}
			}
			long misalignment = candidate.offset % block.size;
			if (misalignment != 0) {
				insert(candidate, new Block(Block.EMPTY, 0, block.size - misalignment));
			}
			insert(candidate, block);
			if (candidate.size == 0) {
				remove(candidate);
			}
		}
	}

	/** Put a block at the start of an empty slot, which shrinks by its size. */
	void insert(Block slot, Block block) {
		block.offset = slot.offset;
		slot.offset += block.size;
		slot.size -= block.size;
		block.previous = slot.previous;
		block.next = slot;
		slot.previous = block;
		if (block.previous != null) {
			block.previous.next = block;
		}
		if (this.first == slot) {
			this.first = block;
		}
	}

	private void remove(Block block) {
		if (this.first == block) {
			this.first = block.next;
			this.first.previous = null;
		}
		else {
			block.previous.next = block.next;
			block.next.previous = block.previous;
		}
		if (block == this.start) {
			this.start = block.previous;
		}
	}

	/** A run of bytes of a layout. */
	static final class Block {

		static final int EMPTY = 0;

		static final int RESERVED = 1;

		static final int PADDING = 2;

		static final int FIELD = 3;

		static final int INHERITED = 4;

		final int kind;

		long offset;

		long size;

		boolean reference;

		Block previous;

		Block next;

		Block(int kind, long offset, long size) {
			this.kind = kind;
			this.offset = offset;
			this.size = size;
		}

		static Block field(int size, boolean reference) {
			Block block = new Block(FIELD, -1, size);
			block.reference = reference;
			return block;
		}

		static Block padding() {
			return new Block(PADDING, -1, FieldLayout.CONTENDED_PADDING);
		}

		Block append(Block block) {
			this.next = block;
			block.previous = this;
			return block;
		}

		/** Whether a field of this size, aligned to its size, fits in this block. */
		boolean fits(long fieldSize) {
			long misalignment = this.offset % fieldSize;
			return this.size >= fieldSize + ((misalignment != 0) ? fieldSize - misalignment : 0);
		}

	}

}
