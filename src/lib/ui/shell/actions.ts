// Shell actions that other areas implement. The home page's "Load sample data" button calls
// loadSampleData(); the lead wires the real loader with setSampleLoader() (e.g. in +layout).

export type SampleLoader = (onProgress?: (done: number, total: number) => void) => Promise<void>;

let sampleLoader: SampleLoader | null = null;

export function setSampleLoader(loader: SampleLoader | null): void {
  sampleLoader = loader;
}

export async function loadSampleData(
  onProgress?: (done: number, total: number) => void
): Promise<void> {
  if (!sampleLoader) throw new Error('the sample data loader is not available yet');
  await sampleLoader(onProgress);
}
