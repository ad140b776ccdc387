// The part of autocannon's programmatic API the benchmark uses (the package ships no types).
declare module "autocannon" {
  export type Options = {
    url: string;
    connections?: number;
    duration?: number;
    method?: string;
    headers?: Record<string, string>;
    warmup?: { connections?: number; duration?: number };
    title?: string;
  };
  export type Histogram = {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    p50: number;
    p90: number;
    p97_5: number;
    p99: number;
    total?: number;
    sent?: number;
    totalCount?: number;
  };
  export type Result = {
    title?: string;
    url: string;
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    "2xx": number;
    latency: Histogram;
    requests: Histogram;
    throughput: Histogram;
  };
  export default function autocannon(options: Options): Promise<Result>;
}
