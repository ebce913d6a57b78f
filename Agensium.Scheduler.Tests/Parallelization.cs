// Test classes run two at a time; a class's own tests run one after another. The suite is mostly waiting (nodes
// starting, jobs sleeping, a dead node's check-in running out), so two classes side by side on a 2-core machine take
// little more than one. The rules, checked by ParallelizationRulesTests:
// - a class on the shared two-node TestCluster is [DoNotParallelize] (its nodes, slots, queues and users are shared
//   state: another class's jobs would take the slots a queue test fills), and so is a class or method that stops,
//   freezes or restarts the stack's PostgreSQL, Redis or S3, or counts a figure of the whole process;
//   MSTest runs those one at a time after every other class has finished;
// - a class that runs beside others starts its nodes on a PrivateCluster: a database of its own, a Redis prefix of its
//   own, and node ports no other such class uses;
// - a class that stops, freezes or restarts a server and runs beside others does it to a PrivateStack of its own
//   (scripts/stack.sh in .local/stacks/NAME on spare ports: ChaosTests, RequestDatabaseTimeoutsTests, two of
//   ResilienceTests), never with the shared stack's ChaosOptions.
[assembly: Parallelize(Workers = 2, Scope = ExecutionScope.ClassLevel)]
