// The scenarios keep their threads' results in static fields (the freestanding build has no closures), so two
// scenarios must never run at once.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
