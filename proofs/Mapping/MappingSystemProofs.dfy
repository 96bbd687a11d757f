// The mapping database's properties (issue 5), stated as lemmas over its transitions (ghost only). Each composes what
// the step relations (spec/Mapping/MappingSteps.dfy) and the database's invariant (spec/Mapping/MappingDatabase.dfy,
// MappingGrant.dfy) establish; MappingDb's methods prove they implement those steps and keep Valid().
//  - every mapping traces back to sigma0 along its parent chain                        TracesBackToSigma0
//  - rights never grow (map, grant; along every derivation)                            MapRightsNeverGrow, GrantMoves,
//                                                                                      TracesBackToSigma0
//  - after demap no derived mapping remains, unrelated mappings are unchanged          DemapExact
//  - grant moves without duplicating                                                   GrantMoves
//  - sigma0's identity mappings survive map and grant                                  RootsPermanent
//  - demap with the flush flag: the final step removes only the owner's mapping        FlushRemovesOnlyOwn
//  - the abstract sigma is refined by the database (and mirrored by the page tables)   SigmaRefined
//  - flexpage placement is exactly the L4 rule: MappingFlexpage.Place ensures Placement (proved in the spec file);
//    the placed part is aligned and inside the receive window and the send flexpage      PlacementInsideWindow
include "../../spec/Mapping/MappingGrant.dfy"
include "../../spec/Mapping/MappingFlexpage.dfy"

module MappingSystemProofs {
  import opened NativeTypes
  import opened MappingTypes
  import opened MappingSteps
  import opened MappingDatabase
  import MappingFlexpage

  type Sigma = map<(u32, u64), (u64, u8)>

  // Map: the new mapping is the source's frame with no more than the source's rights; nothing else changes.
  lemma MapRightsNeverGrow(s: Sigma, s': Sigma, tasks: u32, st: u32, sv: u64, dt: u32, dv: u64, mask: u8, err: u32)
    requires MapStep(s, s', tasks, st, sv, dt, dv, mask, err)
    requires forall k :: k in s ==> IsRights(s[k].1)
    ensures err != OK ==> s' == s
    ensures err == OK ==>
      && (st, sv) in s && (dt, dv) !in s && (dt, dv) in s' && s'[(dt, dv)].0 == s[(st, sv)].0
      && RightsLe(s'[(dt, dv)].1, s[(st, sv)].1) && s'[(dt, dv)].1 != 0
      && (forall k :: k != (dt, dv) ==> (k in s' <==> k in s) && (k in s ==> s'[k] == s[k]))
  {
    if err == OK {
      LemmaRightsAndLe(s[(st, sv)].1, mask);
    }
  }

  // Grant: the mapping moves. The source key is gone, the destination holds the same frame with no more rights,
  // every other key is untouched, and the number of mappings is the same (nothing duplicated, nothing lost).
  lemma GrantMoves(s: Sigma, s': Sigma, tasks: u32, frames: u32, st: u32, sv: u64, dt: u32, dv: u64, mask: u8,
                   err: u32)
    requires GrantStep(s, s', tasks, frames, st, sv, dt, dv, mask, err)
    requires forall k :: k in s ==> IsRights(s[k].1)
    ensures err != OK ==> s' == s
    ensures err == OK ==>
      && (st, sv) in s && (st, sv) !in s' && (dt, dv) !in s && (dt, dv) in s'
      && s'[(dt, dv)].0 == s[(st, sv)].0 && RightsLe(s'[(dt, dv)].1, s[(st, sv)].1)
      && (forall k :: k != (dt, dv) && k != (st, sv) ==> (k in s' <==> k in s) && (k in s ==> s'[k] == s[k]))
      && |s'.Keys| == |s.Keys|
  {
    if err == OK {
      LemmaRightsAndLe(s[(st, sv)].1, mask);
      var r := (s - {(st, sv)});
      assert |r.Keys| == |s.Keys| - 1 by {
        assert r.Keys == s.Keys - {(st, sv)};
      }
      assert s'.Keys == r.Keys + {(dt, dv)};
    }
  }

  // sigma0's identity mappings are permanent: neither map nor grant removes or changes them.
  lemma RootsPermanent(s: Sigma, s': Sigma, tasks: u32, frames: u32, st: u32, sv: u64, dt: u32, dv: u64, mask: u8,
                       err: u32, grant: bool, f: u64)
    requires grant ==> GrantStep(s, s', tasks, frames, st, sv, dt, dv, mask, err)
    requires !grant ==> MapStep(s, s', tasks, st, sv, dt, dv, mask, err)
    requires f < frames as u64 && (Sigma0, f) in s
    ensures (Sigma0, f) in s' && s'[(Sigma0, f)] == s[(Sigma0, f)]
  {
  }

  // Flush of the owner's mapping (after its demap): only that key goes, and never one of sigma0's roots.
  lemma FlushRemovesOnlyOwn(s: Sigma, s': Sigma, tasks: u32, frames: u32, t: u32, v: u64, err: u32)
    requires FlushOwnStep(s, s', tasks, frames, t, v, err)
    ensures err != OK ==> s' == s
    ensures err == OK ==> (t, v) in s && (t, v) !in s' && !(t == Sigma0 && v < frames as u64)
    ensures forall k :: k != (t, v) ==> (k in s' <==> k in s) && (k in s ==> s'[k] == s[k])
  {
  }

  // Demap: once finished, exactly the keys of the mappings derived from the demapped page are gone (none of them
  // remains) and every other mapping is as it was. Demap's contract names the doomed keys: DerivedKeys of its node.
  lemma DemapExact(db: MappingDb)
    requires db.Valid() && db.DemapDone()
    ensures forall k :: k in db.demap.doomed ==> k !in db.sigma
    ensures forall k :: k in db.demap.startSigma && k !in db.demap.doomed ==>
      k in db.sigma && db.sigma[k] == db.demap.startSigma[k]
    ensures forall k :: k in db.sigma ==> k in db.demap.startSigma
  {
  }

  // Refinement: sigma is exactly what the page index and the nodes say, and the HAL's page tables agree.
  lemma SigmaRefined(db: MappingDb, t: u32, v: u64)
    requires db.Valid() && t < db.tasks && v < PagesPerTask
    ensures (t, v) in db.sigma <==> db.slot[Slot(t, v)] != Nil
    ensures (t, v) in db.sigma ==>
      var n := db.slot[Slot(t, v)];
      n < db.capacity && db.task[n] == t && db.vpage[n] == v && db.sigma[(t, v)] == (db.frame[n], db.rights[n])
    ensures db.pt.entries == db.sigma
  {
    db.KeyFacts(t, v);
    db.FreeHeadFacts();
  }

  // Every live mapping traces back to sigma0: its ancestor depth[n] levels up is sigma0's identity mapping of the
  // same frame, and it holds no right that ancestor lacks.
  lemma TracesBackToSigma0(db: MappingDb, n: u32)
    requires db.StructValid() && n < db.capacity && db.rights[n] != 0
    ensures var r := db.Anc(n, db.depth[n] as nat);
      && r < db.frames && db.task[r] == Sigma0 && db.vpage[r] == db.frame[n] && db.frame[r] == db.frame[n]
      && RightsLe(db.rights[n], db.rights[r])
    decreases db.depth[n]
  {
    reveal db.RootsOk();
    if n < db.frames {
      assert db.depth[n] == 0;
      LemmaRightsAllTop(db.rights[n]);
      reveal RightsLe();
    } else {
      db.ChildFacts(n);
      var p := db.parent[n];
      assert db.frame[n] == db.frame[p] && RightsLe(db.rights[n], db.rights[p]) by { reveal db.NodesOk(); }
      assert db.Anc(n, db.depth[n] as nat) == db.Anc(p, db.depth[p] as nat);
      TracesBackToSigma0(db, p);
      LemmaRightsLeTrans(db.rights[n], db.rights[p], db.rights[db.Anc(p, db.depth[p] as nat)]);
    }
  }

  // Flexpages: wherever the L4 rule places a send flexpage (aligned, base send and window), the placed part is a
  // 2^min(ks, kr)-page block aligned to its size, inside the receive window and inside the send flexpage.
  lemma PlacementInsideWindow(sb: int, ks: nat, h: int, rb: int, kr: nat, src: int, dst: int, count: int)
    requires MappingFlexpage.Placement(sb, ks, h, rb, kr, src, dst, count)
    requires sb >= 0 && rb >= 0 && h >= 0
    requires sb % MappingFlexpage.Pow2(ks) == 0 && rb % MappingFlexpage.Pow2(kr) == 0
    ensures count == MappingFlexpage.Pow2(if ks <= kr then ks else kr)
    ensures dst % count == 0 && src % count == 0
    ensures rb <= dst && dst + count <= rb + MappingFlexpage.Pow2(kr)
    ensures sb <= src && src + count <= sb + MappingFlexpage.Pow2(ks)
  {
    MappingFlexpage.LemmaPlacementAligned(sb, ks, h, rb, kr, src, dst, count);
  }
}
