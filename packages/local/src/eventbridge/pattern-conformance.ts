/**
 * The conformance table of the local EventBridge matcher: each case is a feature of the
 * event-pattern language × match / no match, after the examples of the AWS guides
 * ("Content filtering in Amazon EventBridge event patterns", the comparison-operator table)
 * and the Event Ruler README / compiler. pattern.test.ts runs every case against the local
 * matcher and, when real AWS credentials are present, against EventBridge's
 * TestEventPattern (see pattern.aws.ts).
 */
/** The sample EC2 event the AWS examples are written against. */
const ec2 = {
  version: "0",
  id: "ddddd4-aaaa-7777-4444-345dd43cc333",
  "detail-type": "EC2 Instance State-change Notification",
  source: "aws.ec2",
  account: "012345679012",
  time: "2017-10-02T16:24:49Z",
  region: "us-east-1",
  resources: ["arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000"],
  detail: {
    "c-count": 5,
    "d-count": 3,
    "x-limit": 301.8,
    "source-ip": "10.0.0.33",
    "instance-id": "i-000000aaaaaa00000",
    state: "running",
  },
};

/** The EC2 event with extra or replaced detail fields. */
const withDetail = (extra: Record<string, unknown>) => ({ ...ec2, detail: { ...ec2.detail, ...extra } });

const employees = {
  employees: [
    { firstName: "John", lastName: "Doe" },
    { firstName: "Anna", lastName: "Smith" },
    { firstName: "Peter", lastName: "Jones" },
  ],
};

/** [title, pattern, event, expected match]. */
export type MatchCase = [string, Record<string, unknown>, object, boolean];

export const MATCH_CASES: MatchCase[] = [
  // Exact values, AND across fields, OR inside arrays
  ["exact source", { source: ["aws.ec2"] }, ec2, true],
  ["exact source, other value", { source: ["aws.s3"] }, ec2, false],
  ["exact match is case-sensitive", { source: ["AWS.EC2"] }, ec2, false],
  ["array is OR", { detail: { state: ["initializing", "running"] } }, ec2, true],
  ["array is OR, none present", { detail: { state: ["initializing", "stopped"] } }, ec2, false],
  [
    "all fields must match (AND)",
    { source: ["aws.ec2"], "detail-type": ["EC2 Instance State-change Notification"], detail: { state: ["terminated"] } },
    ec2,
    false,
  ],
  [
    "AWS simple example: resources, detail-type and state",
    {
      "detail-type": ["EC2 Instance State-change Notification"],
      resources: ["arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000"],
      detail: { state: ["initializing", "running"] },
    },
    ec2,
    true,
  ],
  ["event array matches on intersection", { resources: ["x", "arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000"] }, ec2, true],
  ["event array without intersection", { resources: ["arn:aws:ec2:us-east-1:123456789012:instance/other"] }, ec2, false],
  ["field absent from the event", { detail: { "no-such-field": ["x"] } }, ec2, false],
  ["numeric literal: Price is 100", { Price: [100] }, { Price: 100 }, true],
  ["numbers compare by value (3.018e2 = 301.8)", { detail: { "x-limit": [3.018e2] } }, ec2, true],
  ["number pattern does not match a numeric string", { Price: [100] }, { Price: "100" }, false],
  ["string pattern does not match a number", { detail: { "c-count": ["5"] } }, ec2, false],
  ["null: UserID is null", { UserID: [null] }, { UserID: null }, true],
  ["null does not match an absent field", { UserID: [null] }, { other: 1 }, false],
  ["empty: LastName is empty", { LastName: [""] }, { LastName: "" }, true],
  ["empty string does not match a non-empty value", { LastName: [""] }, { LastName: "Doe" }, false],
  ["boolean literal", { detail: { enabled: [true] } }, withDetail({ enabled: true }), true],
  ["boolean does not match the string \"true\"", { detail: { enabled: [true] } }, withDetail({ enabled: "true" }), false],
  ["nested objects", { detail: { state: { status: ["running"] } } }, withDetail({ state: { status: "running" } }), true],
  ["nested pattern against a leaf", { detail: { state: { status: ["running"] } } }, ec2, false],

  // prefix / suffix / equals-ignore-case / wildcard
  ["prefix on time", { time: [{ prefix: "2017-10-02" }] }, ec2, true],
  ["prefix that does not start the value", { time: [{ prefix: "2017-10-03" }] }, ec2, false],
  ["prefix only applies to strings", { detail: { "c-count": [{ prefix: "5" }] } }, ec2, false],
  ["prefix ignoring case", { detail: { service: [{ prefix: { "equals-ignore-case": "EventB" } }] } }, withDetail({ service: "EVENTBRIDGE" }), true],
  ["prefix ignoring case, other prefix", { detail: { service: [{ prefix: { "equals-ignore-case": "EventB" } }] } }, withDetail({ service: "Lambda" }), false],
  ["suffix .png", { FileName: [{ suffix: ".png" }] }, { FileName: "image.png" }, true],
  ["suffix is case-sensitive", { FileName: [{ suffix: ".png" }] }, { FileName: "image.PNG" }, false],
  ["suffix ignoring case", { detail: { FileName: [{ suffix: { "equals-ignore-case": ".png" } }] } }, withDetail({ FileName: "image.PNG" }), true],
  ["ends with 'tbridge' ignoring case", { service: [{ suffix: { "equals-ignore-case": "tbridge" } }] }, { service: "EventBridge" }, true],
  ["equals-ignore-case on detail-type", { "detail-type": [{ "equals-ignore-case": "ec2 instance state-change notification" }] }, ec2, true],
  ["equals-ignore-case, other value", { Name: [{ "equals-ignore-case": "alice" }] }, { Name: "Bob" }, false],
  ["wildcard: .png within folder dir", { FileName: [{ wildcard: "dir/*.png" }] }, { FileName: "dir/holiday.png" }, true],
  ["wildcard: other folder", { FileName: [{ wildcard: "dir/*.png" }] }, { FileName: "other/holiday.png" }, false],
  [
    "wildcard with several stars",
    { EventBusArn: [{ wildcard: "arn:aws:events:us-east-1:*:event-bus/*" }] },
    { EventBusArn: "arn:aws:events:us-east-1:123456789012:event-bus/orders" },
    true,
  ],
  ["escaped star is a literal asterisk", { key: [{ wildcard: "a\\*b" }] }, { key: "a*b" }, true],
  ["escaped star does not act as a wildcard", { key: [{ wildcard: "a\\*b" }] }, { key: "axxb" }, false],

  // anything-but
  ["anything-but string", { detail: { state: [{ "anything-but": "initializing" }] } }, ec2, true],
  ["anything-but the actual value", { detail: { state: [{ "anything-but": "running" }] } }, ec2, false],
  ["anything-but number", { detail: { "x-limit": [{ "anything-but": 123 }] } }, ec2, true],
  ["anything-but string list", { detail: { state: [{ "anything-but": ["stopped", "overloaded"] }] } }, ec2, true],
  ["anything-but string list, excluded value", { detail: { state: [{ "anything-but": ["stopped", "overloaded"] }] } }, withDetail({ state: "stopped" }), false],
  ["anything-but number list, excluded value", { detail: { "x-limit": [{ "anything-but": [100, 200, 300] }] } }, withDetail({ "x-limit": 200 }), false],
  ["anything-but prefix", { detail: { state: [{ "anything-but": { prefix: "init" } }] } }, ec2, true],
  ["anything-but prefix, excluded", { detail: { state: [{ "anything-but": { prefix: "init" } }] } }, withDetail({ state: "initializing" }), false],
  ["anything-but suffix", { detail: { FileName: [{ "anything-but": { suffix: ".txt" } }] } }, withDetail({ FileName: "a.png" }), true],
  ["anything-but suffix, excluded", { detail: { FileName: [{ "anything-but": { suffix: ".txt" } }] } }, withDetail({ FileName: "a.txt" }), false],
  [
    "anything-but ignoring case, excluded",
    { detail: { state: [{ "anything-but": { "equals-ignore-case": ["Stopped", "OverLoaded"] } }] } },
    withDetail({ state: "STOPPED" }),
    false,
  ],
  ["anything-but ignoring case", { detail: { state: [{ "anything-but": { "equals-ignore-case": ["Stopped", "OverLoaded"] } }] } }, ec2, true],
  ["anything-but wildcard, excluded", { FilePath: [{ "anything-but": { wildcard: "*/lib/*" } }] }, { FilePath: "/usr/lib/libc.so" }, false],
  ["anything-but wildcard", { FilePath: [{ "anything-but": { wildcard: "*/lib/*" } }] }, { FilePath: "/usr/bin/env" }, true],
  ["anything-but needs the field to exist", { Weather: [{ "anything-but": ["Raining"] }] }, { other: 1 }, false],

  // numeric
  [
    "numeric ranges and equality (AWS example)",
    { detail: { "c-count": [{ numeric: [">", 0, "<=", 5] }], "d-count": [{ numeric: ["<", 10] }], "x-limit": [{ numeric: ["=", 3.018e2] }] } },
    ec2,
    true,
  ],
  ["numeric lower bound excluded", { detail: { "c-count": [{ numeric: [">", 5] }] } }, ec2, false],
  ["numeric only matches JSON numbers", { detail: { "c-count": [{ numeric: [">", 0] }] } }, withDetail({ "c-count": "5" }), false],
  ["Price more than 10 and at most 20: 20", { Price: [{ numeric: [">", 10, "<=", 20] }] }, { Price: 20 }, true],
  ["Price more than 10 and at most 20: 10", { Price: [{ numeric: [">", 10, "<=", 20] }] }, { Price: 10 }, false],

  // cidr
  ["cidr IPv4", { detail: { "source-ip": [{ cidr: "10.0.0.0/24" }] } }, ec2, true],
  ["cidr IPv4, other network", { detail: { "source-ip": [{ cidr: "10.0.1.0/24" }] } }, ec2, false],
  ["cidr IPv6", { sourceIPAddress: [{ cidr: "2001:db8::/32" }] }, { sourceIPAddress: "2001:db8:1234::1" }, true],
  ["cidr IPv6, other network", { sourceIPAddress: [{ cidr: "2001:db8::/32" }] }, { sourceIPAddress: "2001:db9::1" }, false],

  // exists
  ["exists: true, present", { detail: { "c-count": [{ exists: true }] } }, ec2, true],
  ["exists: true, absent", { detail: { ProductName: [{ exists: true }] } }, ec2, false],
  ["exists: false, absent", { detail: { ProductName: [{ exists: false }] } }, ec2, true],
  ["exists: false, present", { detail: { "c-count": [{ exists: false }] } }, ec2, false],
  ["exists: true does not see intermediate nodes", { detail: { "c-count": [{ exists: true }] } }, withDetail({ "c-count": { c1: 100 } }), false],
  ["exists: false holds for an intermediate node", { detail: { "c-count": [{ exists: false }] } }, withDetail({ "c-count": { c1: 100 } }), true],

  // $or
  [
    "$or inside detail",
    { detail: { $or: [{ "c-count": [{ numeric: [">", 0, "<=", 5] }] }, { "d-count": [{ numeric: ["<", 10] }] }] } },
    withDetail({ "c-count": 50 }),
    true,
  ],
  [
    "$or inside detail, no branch holds",
    { detail: { $or: [{ "c-count": [{ numeric: [">", 0, "<=", 5] }] }, { "d-count": [{ numeric: ["<", 10] }] }] } },
    withDetail({ "c-count": 50, "d-count": 50 }),
    false,
  ],
  ["$or across fields: Location or Day", { $or: [{ Location: ["New York"] }, { Day: ["Monday"] }] }, { Location: "Paris", Day: "Monday" }, true],
  ["$or across fields, neither", { $or: [{ Location: ["New York"] }, { Day: ["Monday"] }] }, { Location: "Paris", Day: "Sunday" }, false],
  [
    "$or with an AND inside and a nested $or (Ruler example)",
    {
      source: ["aws.cloudwatch"],
      $or: [
        { metricName: ["CPUUtilization", "ReadLatency"] },
        { metricType: ["MetricType"], namespace: ["AWS/EC2", "AWS/ES"], $or: [{ metricId: [1234] }, { spaceId: [1000] }] },
        { scope: ["Service"] },
      ],
    },
    { source: "aws.cloudwatch", metricType: "MetricType", namespace: "AWS/ES", spaceId: 1000 },
    true,
  ],
  [
    "nested $or, inner branches fail",
    {
      source: ["aws.cloudwatch"],
      $or: [
        { metricName: ["CPUUtilization", "ReadLatency"] },
        { metricType: ["MetricType"], namespace: ["AWS/EC2", "AWS/ES"], $or: [{ metricId: [1234] }, { spaceId: [1000] }] },
      ],
    },
    { source: "aws.cloudwatch", metricType: "MetricType", namespace: "AWS/ES", spaceId: 7 },
    false,
  ],

  // Arrays of objects (array-consistent matching)
  ["array of objects: one element matches", { employees: { firstName: ["Anna"] } }, employees, true],
  ["array of objects: fields from different elements do not combine", { employees: { firstName: ["Anna"], lastName: ["Jones"] } }, employees, false],
  ["array of objects: both fields from one element", { employees: { firstName: ["Anna"], lastName: ["Smith"] } }, employees, true],
  [
    "multi-level arrays are crushed",
    { employees: { firstName: ["Peter"] } },
    { employees: [[{ firstName: "John" }, { firstName: "Anna" }], [{ firstName: "Peter" }]] },
    true,
  ],

  // anything-but with lists of prefixes / suffixes (accepted by EventBridge)
  ["anything-but prefix list", { detail: { state: [{ "anything-but": { prefix: ["init", "stop"] } }] } }, ec2, true],
  ["anything-but prefix list, excluded", { detail: { state: [{ "anything-but": { prefix: ["init", "stop"] } }] } }, withDetail({ state: "stopping" }), false],
  ["anything-but suffix list", { FileName: [{ "anything-but": { suffix: [".txt", ".md"] } }] }, { FileName: "a.png" }, true],
  ["anything-but suffix list, excluded", { FileName: [{ "anything-but": { suffix: [".txt", ".md"] } }] }, { FileName: "README.md" }, false],
  ["anything-but wildcard list, excluded", { FilePath: [{ "anything-but": { wildcard: ["*/lib/*", "*.tmp"] } }] }, { FilePath: "/var/x.tmp" }, false],
  ["anything-but equals-ignore-case single value", { state: [{ "anything-but": { "equals-ignore-case": "Stopped" } }] }, { state: "running" }, true],
  ["anything-but prefix does not exclude numbers", { n: [{ "anything-but": { prefix: "1" } }] }, { n: 12 }, true],
  // numeric edges
  ["numeric >= includes the bound", { n: [{ numeric: [">=", 5] }] }, { n: 5 }, true],
  ["numeric < excludes the bound", { n: [{ numeric: ["<", 5] }] }, { n: 5 }, false],
  ["numeric = compares by value", { n: [{ numeric: ["=", 5] }] }, { n: 5.0 }, true],
  ["numeric range over an array: any element", { n: [{ numeric: [">", 10, "<", 20] }] }, { n: [1, 15] }, true],
  // prefix / suffix / equals-ignore-case edges
  ["prefix ignoring case, value shorter than prefix", { s: [{ prefix: { "equals-ignore-case": "abcdef" } }] }, { s: "ABC" }, false],
  ["suffix ignoring case does not match a number", { s: [{ suffix: { "equals-ignore-case": "5" } }] }, { s: 5 }, false],
  ["equals-ignore-case on a list element", { tags: [{ "equals-ignore-case": "VIP" }] }, { tags: ["new", "vip"] }, true],
  // wildcard edges
  ["wildcard alone matches any string", { s: [{ wildcard: "*" }] }, { s: "" }, true],
  ["wildcard does not match numbers", { s: [{ wildcard: "1*" }] }, { s: 12 }, false],
  // exists edges
  ["exists: true on null value (null is a value)", { s: [{ exists: true }] }, { s: null }, true],
  ["exists: true on an empty array", { s: [{ exists: true }] }, { s: [] }, false],
  // cidr edges
  ["cidr does not match a non-IP string", { ip: [{ cidr: "10.0.0.0/8" }] }, { ip: "ten" }, false],
  ["cidr /32 single host", { ip: [{ cidr: "192.168.1.7/32" }] }, { ip: "192.168.1.7" }, true],
  // $or combined with other operators
  ["$or of prefix and numeric", { $or: [{ s: [{ prefix: "ab" }] }, { n: [{ numeric: [">", 100] }] }] }, { s: "zz", n: 101 }, true],

  // The AWS "complex example"
  [
    "complex example",
    {
      time: [{ prefix: "2017-10-02" }],
      detail: {
        state: [{ "anything-but": "initializing" }],
        "c-count": [{ numeric: [">", 0, "<=", 5] }],
        "d-count": [{ numeric: ["<", 10] }],
        "x-limit": [{ "anything-but": [100, 200, 300] }],
        "source-ip": [{ cidr: "10.0.0.0/8" }],
      },
    },
    ec2,
    true,
  ],
];


/** [title, pattern, message]: patterns PutRule rejects (InvalidEventPatternException). */
export const INVALID_CASES: [string, unknown, RegExp][] = [
  ["not an object", "aws.ec2", /not an object/],
  ["empty pattern", {}, /Empty objects/],
  ["field value is a bare string", { source: "aws.ec2" }, /must be an object or an array/],
  ["empty match list", { source: [] }, /Empty arrays/],
  ["unknown matcher", { source: [{ contains: "ec2" }] }, /Unrecognized match type contains/],
  ["two keys in one matcher", { source: [{ prefix: "a", suffix: "b" }] }, /exactly one key/],
  ["array inside a match list", { source: [["a"]] }, /Arrays are not allowed/],
  ["prefix of a number", { source: [{ prefix: 5 }] }, /must be a string/],
  ["unknown option inside prefix", { source: [{ prefix: { wildcard: "a*" } }] }, /only "equals-ignore-case"/],
  ["exists not boolean", { source: [{ exists: "yes" }] }, /true or false/],
  ["consecutive wildcards", { key: [{ wildcard: "a**b" }] }, /Consecutive wildcard/],
  ["bad backslash escape in wildcard", { key: [{ wildcard: "a\\b" }] }, /Backslash/],
  ["numeric bad operator", { n: [{ numeric: ["!=", 1] }] }, /operator/],
  ["numeric: upper bound then lower bound (too many elements)", { n: [{ numeric: ["<", 10, ">", 0] }] }, /Too many elements/],
  ["numeric: '<=' with anything after it", { n: [{ numeric: ["<=", 10, "<", 20] }] }, /Too many elements/],
  ["numeric: five elements", { n: [{ numeric: [">", 0, "<", 10, 5] }] }, /Too many terms/],
  ["numeric: six elements", { n: [{ numeric: [">", 0, "<", 10, "<", 20] }] }, /Too many terms/],
  ["numeric: empty", { n: [{ numeric: [] }] }, /Invalid member/],
  ["numeric: not an array", { n: [{ numeric: 5 }] }, /must be an array/],
  ["anything-but prefix list with an empty prefix", { s: [{ "anything-but": { prefix: ["a", ""] } }] }, /Null prefix/],
  ["anything-but suffix list with a number", { s: [{ "anything-but": { suffix: [".md", 1] } }] }, /must be a string/],
  ["numeric bottom above top", { n: [{ numeric: [">", 10, "<", 5] }] }, /Bottom must be less than top/],
  ["numeric out of range", { n: [{ numeric: ["<", 6e9] }] }, /between/],
  ["numeric '=' combined with a bound", { n: [{ numeric: ["=", 1, "<", 3] }] }, /Too many elements/],
  ["numeric bound not a number", { n: [{ numeric: [">", "1"] }] }, /must be numeric/],
  ["numeric two lower bounds", { n: [{ numeric: [">", 1, ">=", 2] }] }, /Bad numeric range operator/],
  ["malformed cidr", { ip: [{ cidr: "10.0.0.0/33" }] }, /Malformed CIDR/],
  ["anything-but mixed list", { s: [{ "anything-but": ["a", 1] }] }, /all values must be strings or all numbers/],
  ["anything-but exists", { s: [{ "anything-but": { exists: true } }] }, /Unsupported anything-but/],
  ["anything-but null", { s: [{ "anything-but": null }] }, /anything-but/],
  ["anything-but empty prefix", { s: [{ "anything-but": { prefix: "" } }] }, /Null prefix/],
  ["$or with a single branch", { $or: [{ a: ["x"] }] }, /at least two/],
  ["$or branch with an invalid value", { $or: [{ a: ["x"] }, { b: "y" }] }, /must be an object or an array/],
];

