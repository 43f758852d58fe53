/** Key names of the bare ceiling server's own data (apart from Reservoir's `r:` keys). */
export const bareKeys = {
  prefix: (t: string | number) => `b:{t:${t}}:`,
  order: (t: string | number, id: string) => `b:{t:${t}}:get:${id}`,
};
