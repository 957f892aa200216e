// Colours for human output. They are off when the stream is not a terminal, when
// NO_COLOR is set to anything non-empty (https://no-color.org), or with --no-color.
import { styleText } from "node:util";

export interface Style {
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

export function useColor(stream: { isTTY?: boolean }, colorFlag: boolean, env: NodeJS.ProcessEnv): boolean {
  return colorFlag && !env.NO_COLOR && stream.isTTY === true;
}

export function createStyle(enabled: boolean): Style {
  const paint = (format: Parameters<typeof styleText>[0]) => (text: string) =>
    enabled ? styleText(format, text) : text;
  return { red: paint("red"), green: paint("green"), yellow: paint("yellow"), dim: paint("dim"), bold: paint("bold") };
}
