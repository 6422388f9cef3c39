/**
 * Paging: the two-level {@link io.trapgate.vm.mmu.PageWalker} (4 KiB and 4 MiB pages, global
 * pages, U/S, R/W with CR0.WP, Accessed/Dirty) and the soft {@link io.trapgate.vm.mmu.Tlb}, one
 * direct-mapped table per access kind so a hit needs no permission check.
 */
package io.trapgate.vm.mmu;
