/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.demo;

/**
 * The event the function receives: which product to look up, as in {@code {"id": "42"}}.
 *
 * @param id the product id
 */
public record ProductRequest(String id) {
}
