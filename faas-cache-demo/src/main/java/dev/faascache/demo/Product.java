/*
 * Copyright 2026 the faas-cache authors. Licensed under the Apache License, Version 2.0.
 */
package dev.faascache.demo;

import java.math.BigDecimal;

/**
 * A product as the remote catalog describes it; what the function returns.
 *
 * @param id the product id
 * @param name the display name
 * @param price the unit price
 */
public record Product(String id, String name, BigDecimal price) {
}
