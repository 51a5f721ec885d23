// A Cytoscape.js diagram, laid out left to right with dagre.
import cytoscape from "cytoscape";
import dagre from "cytoscape-dagre";
import { useEffect, useRef } from "preact/hooks";

cytoscape.use(dagre);

// Cytoscape adds a <style> element for its container unless one with this id exists; the
// page's policy forbids inline style, and styles.css gives the container its position.
if (!document.getElementById("__________cytoscape_stylesheet")) {
  const marker = document.createElement("meta");
  marker.id = "__________cytoscape_stylesheet";
  document.head.append(marker);
}

export interface GraphNode { id: string; label: string; classes?: string; parent?: string }
export interface GraphEdge { id: string; source: string; target: string; label: string; classes?: string }

const STYLE: cytoscape.StylesheetJson = [
  { selector: "node", style: {
    label: "data(label)", "text-wrap": "wrap", "text-max-width": "160px", "font-size": 14, "text-valign": "center",
    "text-halign": "center", shape: "round-rectangle", width: 180, height: 56, "background-color": "#e8eef7",
    "border-width": 2, "border-color": "#1f4e8c", color: "#111" } },
  { selector: "node.start", style: { "background-color": "#d9f0dd", "border-color": "#1e6b31" } },
  { selector: "node.provider", style: { "background-color": "#fff4d6", "border-color": "#8a5a00" } },
  { selector: "node.root", style: { "border-width": 4 } },
  { selector: "edge", style: {
    label: "data(label)", "font-size": 12, "text-wrap": "wrap", "text-max-width": "200px", "curve-style": "bezier",
    "target-arrow-shape": "triangle", width: 2, "line-color": "#555", "target-arrow-color": "#555",
    "text-background-color": "#fff", "text-background-opacity": 1, "text-background-padding": "2px", color: "#111" } },
  { selector: "edge.unsound", style: { "line-color": "#b00020", "target-arrow-color": "#b00020", color: "#b00020", width: 3 } },
  { selector: "edge.mandate", style: { "line-style": "dashed" } },
  { selector: "node.label-DataElement", style: { "background-color": "#e3f2fd", shape: "ellipse" } },
  { selector: "node.label-System", style: { "background-color": "#e8f5e9" } },
  { selector: "node.label-Flow", style: { "background-color": "#f3e5f5", shape: "diamond" } },
  { selector: "node.label-Organization", style: { "background-color": "#fff4d6", shape: "hexagon" } },
  { selector: "node.label-Agreement", style: { "background-color": "#fce4ec", shape: "tag" } },
  { selector: "node.label-Person, node.label-Role", style: { "background-color": "#eceff1", shape: "ellipse" } },
  { selector: "node.sensitivity-SENSITIVE", style: { "border-color": "#b00020", "border-width": 4 } },
  { selector: "node.sensitivity-PII", style: { "border-color": "#b07000", "border-width": 3 } },
  { selector: ":selected", style: { "border-color": "#000", "border-width": 5 } },
];

// Past this many nodes, a force layout would keep the page busy for seconds: a grid is
// laid out at once, and panning draws a texture instead of every label.
const LARGE = 300;
const READABLE = 0.5;

function layoutOf(kind: "dagre" | "cose", count: number): cytoscape.LayoutOptions {
  if (kind === "dagre") return { name: "dagre", rankDir: "LR", nodeSep: 30, rankSep: 140, edgeSep: 15 } as cytoscape.LayoutOptions;
  return count > LARGE ? { name: "grid", avoidOverlap: true } : { name: "cose", animate: false, randomize: false };
}

export function Graph({ nodes, edges, description, onSelect, layout = "dagre", height }: {
  nodes: GraphNode[]; edges: GraphEdge[]; description: string; onSelect?: (id: string) => void;
  layout?: "dagre" | "cose"; height?: number;
}) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!container.current) return;
    const cy = cytoscape({
      container: container.current,
      elements: [
        ...nodes.map((n) => ({ data: { id: n.id, label: n.label, parent: n.parent }, classes: n.classes })),
        ...edges.map((e) => ({ data: { id: e.id, source: e.source, target: e.target, label: e.label }, classes: e.classes })),
      ],
      style: STYLE,
      layout: layoutOf(layout, nodes.length),
      hideEdgesOnViewport: nodes.length > LARGE,
      textureOnViewport: nodes.length > LARGE,
      minZoom: 0.05,
      maxZoom: 3,
    });
    // Fitted, a large graph would be too small to read: start legible, at the root (or a
    // start), and let the reader pan and zoom out.
    if (cy.zoom() < READABLE) {
      const focus = cy.nodes(".root").union(cy.nodes(".start")).first();
      cy.zoom(READABLE);
      cy.center(focus.nonempty() ? focus : undefined);
    }
    if (onSelect) cy.on("tap", "node", (event) => onSelect(event.target.id()));
    return () => cy.destroy();
  }, [nodes, edges]);
  // Set through the CSSOM (allowed by the policy), not a style attribute.
  useEffect(() => {
    if (container.current && height) container.current.style.height = `${height}px`;
  }, [height]);
  return <div class="graph" ref={container} role="img" aria-label={description} />;
}
