package org.townhall.audit;

/** The newest row of one audit chain: its id and its hash (hexadecimal), as an anchor records it. */
public record ChainHead(int chain, long id, String rowHash) {
}
