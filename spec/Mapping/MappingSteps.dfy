// Step relations of the abstract model: how each operation changes sigma (the union of the per-task partial
// functions sigma_i from window pages to (frame, rights)). Ghost only.
//
// Map(i, v -> j, v'): sigma_j(v') = sigma_i(v) with rights cut by the mask (never more than the source's).
// Grant(i, v -> j, v'): the same, and sigma_i(v) becomes nil: the mapping moves (the database moves its node, so
// whatever was derived from it stays derived from it). sigma0's identity mappings are permanent roots and cannot be
// granted away (ErrInvalidArgument).
// Failures leave sigma unchanged. Argument errors are determined by sigma alone; resource errors (a demap in
// progress, no free node, depth limit) may happen on any otherwise valid request.
include "MappingTypes.dfy"

module MappingSteps {
  import opened NativeTypes
  import opened MappingTypes

  ghost predicate ResourceError(err: u32) {
    err == ErrBusy || err == ErrNoMemory || err == ErrTooDeep
  }

  ghost predicate MapStep(s: map<(u32, u64), (u64, u8)>, s': map<(u32, u64), (u64, u8)>, tasks: u32,
                          st: u32, sv: u64, dt: u32, dv: u64, mask: u8, err: u32) {
    if st >= tasks || dt >= tasks then err == ErrInvalidTask && s' == s
    else if sv >= PagesPerTask || dv >= PagesPerTask then err == ErrInvalidPage && s' == s
    else if st == dt && sv == dv then err == ErrInvalidArgument && s' == s
    else if (st, sv) !in s then err == ErrNotMapped && s' == s
    else if RightsAnd(s[(st, sv)].1, mask) == 0 then err == ErrNoRights && s' == s
    // Occupied receiver page: the map item fails; the receiver's pager must demap it first (docs/mapping.md).
    else if (dt, dv) in s then err == ErrOccupied && s' == s
    else if ResourceError(err) then s' == s
    else err == OK && s' == s[(dt, dv) := (s[(st, sv)].0, RightsAnd(s[(st, sv)].1, mask))]
  }

  // Grant. `frames`: sigma0's pages 0 .. frames-1 are its permanent identity mappings. A grant that cuts the rights
  // of a mapping others derive from is refused with ErrNoRights (their rights would exceed their source's); sigma
  // does not record derivation, so here that refusal is allowed whenever the mask cuts rights, and MappingGrant.Grant
  // states exactly when it happens.
  ghost predicate GrantStep(s: map<(u32, u64), (u64, u8)>, s': map<(u32, u64), (u64, u8)>, tasks: u32, frames: u32,
                            st: u32, sv: u64, dt: u32, dv: u64, mask: u8, err: u32) {
    if st >= tasks || dt >= tasks then err == ErrInvalidTask && s' == s
    else if sv >= PagesPerTask || dv >= PagesPerTask then err == ErrInvalidPage && s' == s
    else if st == dt && sv == dv then err == ErrInvalidArgument && s' == s
    else if (st, sv) !in s then err == ErrNotMapped && s' == s
    else if st == Sigma0 && sv < frames as u64 then err == ErrInvalidArgument && s' == s
    else if RightsAnd(s[(st, sv)].1, mask) == 0 then err == ErrNoRights && s' == s
    else if (dt, dv) in s then err == ErrOccupied && s' == s
    else if ResourceError(err) || (err == ErrNoRights && RightsAnd(s[(st, sv)].1, mask) != s[(st, sv)].1) then s' == s
    else err == OK && s' == (s - {(st, sv)})[(dt, dv) := (s[(st, sv)].0, RightsAnd(s[(st, sv)].1, mask))]
  }

  // Flush of the owner's own mapping (the last part of demap with the flush flag, after the derived mappings are
  // gone): sigma_t(v) becomes nil. sigma0's identity mappings are permanent (ErrInvalidArgument). ErrBusy: a demap
  // is running, or mappings are still derived from this one (MappingFlush.FlushOwn states which).
  ghost predicate FlushOwnStep(s: map<(u32, u64), (u64, u8)>, s': map<(u32, u64), (u64, u8)>, tasks: u32, frames: u32,
                               t: u32, v: u64, err: u32) {
    if t >= tasks then err == ErrInvalidTask && s' == s
    else if v >= PagesPerTask then err == ErrInvalidPage && s' == s
    else if (t, v) !in s then err == ErrNotMapped && s' == s
    else if t == Sigma0 && v < frames as u64 then err == ErrInvalidArgument && s' == s
    else if err == ErrBusy then s' == s
    else err == OK && s' == s - {(t, v)}
  }

  // Demap with a rights mask (L4's unmap rights): every mapping derived from the demapped page (`derived`: their keys,
  // as recorded when the demap started; sigma does not record derivation) keeps its frame and loses the rights in
  // `mask`; a mapping left with no rights is removed. The page's own mapping and every unrelated mapping are
  // unchanged. Pointwise on keys, so it does not depend on the order in which the mappings are reduced.
  ghost predicate DemapRightsStep(s: map<(u32, u64), (u64, u8)>, s': map<(u32, u64), (u64, u8)>,
                                  derived: set<(u32, u64)>, mask: u8) {
    && (forall k :: k in s' <==> k in s && (k in derived ==> RightsMinus(s[k].1, mask) != 0))
    && (forall k :: k in s' ==> s'[k] == if k in derived then (s[k].0, RightsMinus(s[k].1, mask)) else s[k])
  }

  // The full mask removes every derived mapping: demap with all rights is today's demap (sigma minus the derived keys).
  lemma LemmaDemapRightsAll(s: map<(u32, u64), (u64, u8)>, s': map<(u32, u64), (u64, u8)>, derived: set<(u32, u64)>)
    ensures DemapRightsStep(s, s', derived, RightsAll) <==>
      (forall k :: k in s' <==> k in s && k !in derived) && (forall k :: k in s' ==> s'[k] == s[k])
  {
    forall a: u8 ensures RightsMinus(a, RightsAll) == 0 {}
  }

  // Reducing twice by the same mask is reducing once (the walk may look at a reduced mapping again).
  lemma LemmaRightsMinusIdem(a: u8, m: u8)
    ensures RightsMinus(RightsMinus(a, m), m) == RightsMinus(a, m)
  {
  }
}
