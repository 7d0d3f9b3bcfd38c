// Reads a file the user picked (an <input type="file">) as text, with its name.
export async function readPickedFile(file: File | undefined): Promise<{ name: string; text: string } | null> {
  if (!file) return null;
  return { name: file.name, text: await file.text() };
}
