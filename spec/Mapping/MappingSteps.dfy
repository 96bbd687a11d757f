// Step relations of the abstract model: how each operation changes sigma (the union of the per-task partial
// functions sigma_i from window pages to (frame, rights)). Ghost only.
//
// Map(i, v -> j, v'): sigma_j(v') = sigma_i(v) with rights cut by the mask (never more than the source's).
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
}
